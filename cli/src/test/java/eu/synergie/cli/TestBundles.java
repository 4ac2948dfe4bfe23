package eu.synergie.cli;

/** A small STIX 2.1 bundle as MISP or a TAXII feed would hand an agency: a phishing report, two observables, a malware. */
final class TestBundles {

    private TestBundles() {
    }

    /** The report {@code report--<reportUuid>} named with {@code nameSuffix} (a search token, or nothing). */
    static String phishing(String reportUuid, String nameSuffix) {
        return """
                {"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [
                  {"type": "report", "spec_version": "2.1", "id": "report--%s",
                   "created": "2026-11-30T09:15:00.000Z", "modified": "2026-11-30T09:15:00.000Z",
                   "name": "Hameçonnage visant des collectivités%s", "description": "Campagne de courriels piégés.",
                   "published": "2026-11-30T09:15:00Z", "report_types": ["threat-report"], "lang": "fr",
                   "object_marking_refs": ["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"],
                   "object_refs": ["ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd",
                                   "email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3",
                                   "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"]},
                  {"type": "ipv4-addr", "spec_version": "2.1", "id": "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd", "value": "198.51.100.23"},
                  {"type": "email-addr", "spec_version": "2.1", "id": "email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3", "value": "factures@mairie-exemple.fr"},
                  {"type": "malware", "spec_version": "2.1", "id": "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b",
                   "created": "2026-11-30T09:15:00.000Z", "modified": "2026-11-30T09:15:00.000Z", "name": "Emotet", "is_family": true}
                ]}
                """.formatted(reportUuid, nameSuffix.isEmpty() ? "" : " " + nameSuffix);
    }
}
