package eu.synergie.core.trust;

import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.Keys;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<TrustEvent> logged = new ArrayList<>();
    private final TrustRegistry registry = new TrustRegistry();
    private final CertificateAuthority ca = CertificateAuthority.createRoot("Test CA", Duration.ofDays(30));
    private final TrustService trust = new TrustService(registry, logged::add, ca, Set.of("EU-WEST", "MED"),
            Duration.ofDays(30), clock);

    @Test
    void registerThenEventLoggedAndApplied() {
        trust.register("FR-DGPN", "Police nationale", Set.of("EU-WEST"), "amelie.roux");
        assertThat(logged).singleElement().isInstanceOfSatisfying(TrustEvent.AgencyChanged.class, e -> {
            assertThat(e.kind()).isEqualTo(TrustEvent.AgencyChanged.Kind.REGISTERED);
            assertThat(e.key()).isEqualTo("agency:FR-DGPN");
            assertThat(e.by()).isEqualTo("amelie.roux");
        });
        assertThat(registry.agency("FR-DGPN")).hasValueSatisfying(a -> assertThat(a.regions()).containsExactly("EU-WEST"));
    }

    @Test
    void registerWhenRegionNotServedOrTwiceThenRefused() {
        assertThatThrownBy(() -> trust.register("FR-DGPN", "x", Set.of("MARS"), "a")).isInstanceOfSatisfying(TrustException.class,
                e -> assertThat(e.kind()).isEqualTo(TrustException.Kind.INVALID));
        trust.register("FR-DGPN", "x", Set.of("EU-WEST"), "a");
        assertThatThrownBy(() -> trust.register("FR-DGPN", "x", Set.of("EU-WEST"), "a")).isInstanceOfSatisfying(TrustException.class,
                e -> assertThat(e.kind()).isEqualTo(TrustException.Kind.CONFLICT));
    }

    @Test
    void distrustWhenCertificateNotIssuedByRegistryThenNotRegistered() {
        X509Certificate stray = ca.issueAgencyCertificate("FR-DGPN", Keys.generateEcP256().getPublic(), Duration.ofDays(1));
        assertThat(registry.distrust(stray, T0)).hasValueSatisfying(
                d -> assertThat(d.kind()).isEqualTo(TrustRegistry.Distrust.Kind.NOT_REGISTERED));
    }

    @Test
    void distrustWhenRevokedForSupersessionThenEarlierSignaturesStayValid() {
        X509Certificate cert = issued();
        clock.set(T0.plusSeconds(3600));
        trust.revoke(TrustRegistry.serialOf(cert), RevocationReason.SUPERSEDED, null, "admin");
        assertThat(registry.distrust(cert, T0.plusSeconds(60))).isEmpty();
        assertThat(registry.distrust(cert, T0.plusSeconds(3600))).hasValueSatisfying(
                d -> assertThat(d.kind()).isEqualTo(TrustRegistry.Distrust.Kind.REVOKED));
    }

    @Test
    void distrustWhenKeyCompromisedThenEverythingSignedFromTheCompromiseRefused() {
        X509Certificate cert = issued();
        clock.set(T0.plusSeconds(7200));
        trust.revoke(TrustRegistry.serialOf(cert), RevocationReason.KEY_COMPROMISE, T0.plusSeconds(600), "admin");
        assertThat(registry.distrust(cert, T0.plusSeconds(599))).isEmpty();
        assertThat(registry.distrust(cert, T0.plusSeconds(600))).isPresent();
        assertThat(registry.distrust(cert, T0.plusSeconds(3600))).as("before the revocation, after the compromise").isPresent();
    }

    @Test
    void revokeWhenCompromiseTimeGivenForOtherReasonOrInFutureThenInvalid() {
        X509Certificate cert = issued();
        String serial = TrustRegistry.serialOf(cert);
        assertThatThrownBy(() -> trust.revoke(serial, RevocationReason.SUPERSEDED, T0, "a"))
                .hasMessageContaining("only for the reason KEY_COMPROMISE");
        assertThatThrownBy(() -> trust.revoke(serial, RevocationReason.KEY_COMPROMISE, T0.plusSeconds(60), "a"))
                .hasMessageContaining("must not be after the revocation");
    }

    @Test
    void distrustWhenAgencySuspendedThenSignaturesFromThenRefused() {
        X509Certificate cert = issued();
        clock.set(T0.plusSeconds(100));
        trust.suspend("FR-DGPN", "admin");
        assertThat(registry.distrust(cert, T0.plusSeconds(50))).isEmpty();
        assertThat(registry.distrust(cert, T0.plusSeconds(100))).hasValueSatisfying(
                d -> assertThat(d.kind()).isEqualTo(TrustRegistry.Distrust.Kind.AGENCY_SUSPENDED));
        assertThatThrownBy(() -> trust.issueCertificate("FR-DGPN", Keys.generateEcP256().getPublic(), "a"))
                .hasMessageContaining("suspended");
    }

    @Test
    void eventsWhenWrittenAsJsonThenReadBackEqual() {
        X509Certificate cert = issued();
        clock.set(T0.plusSeconds(10));
        trust.revoke(TrustRegistry.serialOf(cert), RevocationReason.KEY_COMPROMISE, T0.plusSeconds(5), "admin");
        for (TrustEvent event : logged) {
            assertThat(TrustEventJson.read(TrustEventJson.write(event))).isEqualTo(event);
        }
        TrustRegistry replayed = new TrustRegistry();
        logged.forEach(e -> replayed.apply(TrustEventJson.read(TrustEventJson.write(e))));
        assertThat(replayed.agencies()).isEqualTo(registry.agencies());
        assertThat(replayed.certificate(TrustRegistry.serialOf(cert))).isEqualTo(registry.certificate(TrustRegistry.serialOf(cert)));
    }

    @Test
    void distrustWhenFollowerFailedThenUnavailableNotAVerdict() {
        X509Certificate cert = issued();
        registry.markUnavailable("broker gone");
        assertThatThrownBy(() -> registry.distrust(cert, T0)).isInstanceOf(TrustUnavailableException.class);
    }

    private X509Certificate issued() {
        trust.register("FR-DGPN", "Police nationale", Set.of("EU-WEST"), "a");
        return trust.issueCertificate("FR-DGPN", Keys.generateEcP256().getPublic(), "a").getFirst();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
