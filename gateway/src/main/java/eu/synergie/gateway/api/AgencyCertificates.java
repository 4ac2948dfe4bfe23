package eu.synergie.gateway.api;

import eu.synergie.core.trust.CertificateRecord;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The certificates the exchange encrypts to for an agency: its EC ones, unrevoked and valid at the instant asked. */
public final class AgencyCertificates {

    private AgencyCertificates() {
    }

    public static List<X509Certificate> current(TrustRegistry trust, String agency, Instant now) {
        return trust.certificatesOf(agency).stream()
                .filter(c -> !c.revoked() && !now.isBefore(c.notBefore()) && now.isBefore(c.notAfter()))
                .map(CertificateRecord::pem).flatMap(pem -> Pem.readCertificates(pem).stream().limit(1))
                .filter(c -> Keys.isEc(c.getPublicKey())).toList();
    }
}
