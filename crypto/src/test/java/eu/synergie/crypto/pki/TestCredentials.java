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

    /** The hybrid profile's ML-DSA-65 root. */
    public static CertificateAuthority mlDsaCa(String name) {
        return CertificateAuthority.createMlDsaRoot(name, Duration.ofDays(30));
    }

    /** An agency signing credential: EC P-256 unless {@link Builder#keyPair} says otherwise (Ed25519, ML-DSA-65). */
    public static Builder agency(String agencyCode) {
        return new Builder(agencyCode, Kind.AGENCY);
    }

    /** A region's ECDH P-256 recipient credential. */
    public static Builder region(String region) {
        return new Builder(region, Kind.REGION);
    }

    /** A region's ML-KEM-768 recipient credential (issue it from {@link #mlDsaCa}). */
    public static Builder regionKem(String region) {
        return new Builder(region, Kind.REGION_KEM);
    }

    /** An agency's own ML-KEM-768 recipient credential, to read back its hybrid envelopes. */
    public static Builder agencyKem(String agencyCode) {
        return new Builder(agencyCode, Kind.AGENCY_KEM);
    }

    private enum Kind {
        AGENCY, REGION, REGION_KEM, AGENCY_KEM
    }

    public static final class Builder {
        private final String name;
        private final Kind kind;
        private CertificateAuthority issuer;
        private Instant issuedAt;
        private Duration validity = Duration.ofDays(1);
        private KeyPair keyPair;

        private Builder(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
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
            boolean kem = kind == Kind.REGION_KEM || kind == Kind.AGENCY_KEM;
            KeyPair keys = keyPair != null ? keyPair : kem ? Keys.generateMlKem768() : Keys.generateEcP256();
            CertificateAuthority ca = issuedAt == null ? issuer : issuer.withClock(Clock.fixed(issuedAt, ZoneOffset.UTC));
            X509Certificate certificate = switch (kind) {
                case AGENCY -> ca.issueAgencyCertificate(name, keys.getPublic(), validity);
                case REGION -> ca.issueRegionRecipientCertificate(name, keys.getPublic(), validity);
                case REGION_KEM -> ca.issueRegionKemCertificate(name, keys.getPublic(), validity);
                case AGENCY_KEM -> ca.issueAgencyKemCertificate(name, keys.getPublic(), validity);
            };
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(issuer.credential().chain());
            return new KeyCredential(keys.getPrivate(), chain);
        }
    }
}
