package eu.synergie.crypto.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Test PKI generated at test time: {@code TestCredentials.agency("FR-DGPN").issuedBy(ca).build()}.
 * Lives in the pki package so it can issue certificates as of another time (expired, not yet valid).
 */
public final class TestCredentials {

    private TestCredentials() {
    }

    public static CertificateAuthority ca(String name) {
        return CertificateAuthority.createRoot(name, Duration.ofDays(30));
    }

    public static Builder agency(String agencyCode) {
        return new Builder(agencyCode, true);
    }

    public static Builder region(String region) {
        return new Builder(region, false);
    }

    public static final class Builder {
        private final String name;
        private final boolean agency;
        private CertificateAuthority issuer;
        private Instant issuedAt;
        private Duration validity = Duration.ofDays(1);
        private KeyPair keyPair;

        private Builder(String name, boolean agency) {
            this.name = name;
            this.agency = agency;
        }

        public Builder issuedBy(CertificateAuthority issuer) {
            this.issuer = issuer;
            return this;
        }

        /** Issues as if the CA's clock read {@code instant}; the certificate's notBefore is 5 minutes earlier. */
        public Builder issuedAt(Instant instant) {
            this.issuedAt = instant;
            return this;
        }

        public Builder validFor(Duration validity) {
            this.validity = validity;
            return this;
        }

        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        public KeyCredential build() {
            Objects.requireNonNull(issuer, "issuedBy(ca) is required");
            KeyPair keys = keyPair != null ? keyPair : Keys.generateEcP256();
            CertificateAuthority ca = issuedAt == null ? issuer : issuer.withClock(Clock.fixed(issuedAt, ZoneOffset.UTC));
            X509Certificate certificate = agency
                    ? ca.issueAgencyCertificate(name, keys.getPublic(), validity)
                    : ca.issueRegionRecipientCertificate(name, keys.getPublic(), validity);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(issuer.credential().chain());
            return new KeyCredential(keys.getPrivate(), chain);
        }
    }
}
