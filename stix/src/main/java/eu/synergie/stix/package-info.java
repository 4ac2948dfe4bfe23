/**
 * STIX 2.1 for Synergie notices, both ways (the whole table is {@code docs/stix-mapping.md}).
 *
 * <p>{@link eu.synergie.stix.StixExport}: a notice becomes a {@code report} (name, description, published,
 * report_types, lang, the originating agency as {@code created_by_ref}, the case reference as an external reference,
 * {@code revoked} when withdrawn), its entities the standard objects where STIX has them (identity individual or
 * organization, location, email-addr, domain-name, ipv4-addr/ipv6-addr) and new SCO types of ours where it has none
 * (phone, IBAN, crypto wallet, vehicle, vessel, aircraft, identity document), each under an
 * {@code extension-definition} of ours (STIX 2.1 §7.3). The TLP is the OASIS TLP 2.0 marking definition with its fixed
 * id; classification, handling code and note, releasability, dissemination and federation are a marking definition of
 * ours (a property extension); the notice's id, version, region, validity and source grading are a property extension
 * of the report. Ids are UUIDv5 under our namespace: the same version exports to the same bytes, a new version keeps
 * the ids and moves {@code modified}; {@code created} is the epoch because a notice does not carry its first version's
 * time. Observables are per notice (they carry its markings), their ids following their content.
 *
 * <p>{@link eu.synergie.stix.StixImport}: each report (or grouping) of a bundle and what it refers to becomes one
 * notice of the importing agency ({@link eu.synergie.stix.ImportDefaults}); what has no place in a notice is listed in
 * the {@link eu.synergie.stix.Conversion}; a marking that cannot be read is an error, never ignored; the strictest
 * TLP wins; TLP:RED and AMBER+STRICT without releasability stay with the importing agency. Reads our export, MISP's
 * (TLP 1.0, indicators, observed-data, x-misp-attribute) and OpenCTI's (x_opencti TLP markings, phone-number,
 * bank-account, cryptocurrency-wallet).
 *
 * @see <a href="https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html">STIX 2.1</a>
 */
package eu.synergie.stix;
