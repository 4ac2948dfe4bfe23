/**
 * STIX 2.1 for Synergie notices, both ways (the whole table is {@code docs/stix-mapping.md}).
 *
 * <p>{@link eu.synergie.stix.StixExport}: a notice becomes a {@code report} (name, description, published,
 * report_types, lang, the originating agency as {@code created_by_ref}, the case reference as an external reference,
 * {@code revoked} when withdrawn), its entities the standard objects where STIX has them (identity individual or
 * organization, location, email-addr, domain-name, ipv4-addr/ipv6-addr) and new SCO types of ours where it has none
 * (phone, IBAN, crypto wallet, vehicle, vessel, aircraft, identity document, asset), each under an
 * {@code extension-definition} of ours (STIX 2.1 §7.3); an entity's ref is a property of our SCOs, in our attributes
 * extension on standard objects. Ownerships become {@code relationship} objects, {@code owns} or
 * {@code beneficially-owns}, owner to asset, the share in a property extension of ours. The TLP is the OASIS TLP 2.0 marking definition with its fixed
 * id; classification, handling code and note, releasability, dissemination and federation are a marking definition of
 * ours (a property extension); the notice's id, version, region, validity and source grading are a property extension
 * of the report. An e-mail address or domain that the standard object cannot hold (a display name, spaces) becomes our
 * {@code synergie-entity-value}, as an IP value that is no address does. Ids are UUIDv5 under our namespace: the same
 * version exports to the same bytes, a new version keeps the ids and moves {@code modified}; {@code created} is the
 * epoch because a notice does not carry its first version's time. A withdrawn notice's report and its own SDOs are
 * {@code revoked}. Observables are per notice (they carry its markings), their ids following their content.
 *
 * <p>{@link eu.synergie.stix.StixImport}: each report (or grouping) of a bundle and what it refers to becomes one
 * notice of the importing agency ({@link eu.synergie.stix.ImportDefaults}), ownership relationships between its
 * entities its relations, which is its originator (the report's
 * author, its region and its federation list are listed, not kept); what has no place in a notice is listed in the
 * {@link eu.synergie.stix.Conversion}. Markings never weaken: the strictest TLP wins (granular ones too); a statement,
 * PAP:AMBER or PAP:RED becomes handling code H3 with its words in the note; a marking that cannot be found, or a TLP of
 * no known level, is an error; one that cannot be read is listed apart ({@code unreadMarkings}) and stops a push until
 * the agency accepts it; TLP:RED and AMBER+STRICT without releasability stay with the importing agency. An object given
 * twice must differ by {@code modified} (the later wins) or not at all. A notice takes at most 1,000 entities. Reads
 * our export, MISP's (TLP 1.0, statements, indicators, observed-data, x-misp-attribute) and OpenCTI's (x_opencti TLP
 * and PAP markings, phone-number, bank-account, cryptocurrency-wallet).
 *
 * @see <a href="https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html">STIX 2.1</a>
 */
package eu.synergie.stix;
