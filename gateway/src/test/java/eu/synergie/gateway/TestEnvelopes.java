package eu.synergie.gateway;

import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Agency-side sealing for tests: a key pair with a certificate from the exchange CA, and notice JSON. */
final class TestEnvelopes {

    private TestEnvelopes() {
    }

    /** A key pair with a registered certificate; the agency is registered in {@code regions} first if it is new. */
    static KeyCredential agency(TrustService trust, String agency, Set<String> regions) {
        if (trust.registry().agency(agency).isEmpty()) {
            trust.register(agency, "Test agency " + agency, regions, "test");
        }
        KeyPair pair = Keys.generateEcP256();
        return new KeyCredential(pair.getPrivate(), trust.issueCertificate(agency, pair.getPublic(), "test"));
    }

    static byte[] seal(String noticeJson, KeyCredential agency, X509Certificate region) {
        return NoticeSealer.seal(noticeJson.getBytes(StandardCharsets.UTF_8), agency, region);
    }

    /** The same notice JSON as a later {@code version}, standing or withdrawn. */
    static String version(String noticeJson, int version, String status) {
        return noticeJson.replace("\"entities\": [", "\"version\": " + version + ", \"status\": \"" + status + "\",\n  \"entities\": [");
    }

    static String notice(UUID id, String agency, String region, String title) {
        return """
                {
                  "noticeId": "%s",
                  "originAgency": "%s",
                  "region": "%s",
                  "type": "MONEY_LAUNDERING",
                  "title": "%s",
                  "summary": "Virements fractionnés vers des comptes de transit ; société écran domiciliée à Marseille.",
                  "language": "fr",
                  "issuedAt": "2026-11-28T10:00:00Z",
                  "validUntil": "2027-11-28T00:00:00Z",
                  "classification": "RESTRICTED",
                  "handlingCode": "H2",
                  "handlingNote": null,
                  "tlp": "AMBER",
                  "releasableTo": [],
                  "dissemination": "POINTER",
                  "sourceReliability": "B",
                  "infoReliability": "2",
                  "caseRef": "PJ-MRS-2026-0412",
                  "entities": [
                    {"kind": "PERSON", "value": "Jean DUPONT", "attributes": {"birthDate": "1980-02-01", "nationality": "FR"}},
                    {"kind": "IBAN", "value": "FR7630006000011234567890189"}
                  ]
                }
                """.formatted(id, agency, region, title);
    }
}
