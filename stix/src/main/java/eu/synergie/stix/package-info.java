/**
 * STIX 2.1 for Synergie notices, both ways: {@link eu.synergie.stix.StixExport} turns a notice into a report and
 * the objects it refers to, {@link eu.synergie.stix.StixImport} turns a STIX 2.1 bundle (ours, MISP's, OpenCTI's)
 * into notices, listing what it could not map. The mapping, its ids and its markings are described in
 * {@code docs/stix-mapping.md}.
 */
package eu.synergie.stix;
