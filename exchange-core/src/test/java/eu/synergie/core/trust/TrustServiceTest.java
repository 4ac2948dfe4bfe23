package eu.synergie.core.trust;

import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.pki.Fingerprints;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.Keys;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final TrustRegistry registry = new TrustRegistry();
    private final ListTrustLog log = new ListTrustLog(registry);
    private final List<TrustEvent> logged = log.events;
    private final CertificateAuthority ca = CertificateAuthority.createRoot("Test CA", Duration.ofDays(30));
    private final TrustService trust = new TrustService(registry, log, ca, new MemoryRevocations(), Set.of("EU-WEST", "MED"),
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
    void signerWhenCertificateNotIssuedByRegistryThenUnknown() {
        X509Certificate stray = ca.issueAgencyCertificate("FR-DGPN", Keys.generateEcP256().getPublic(), Duration.ofDays(1));
        assertThat(registry.signer(TrustRegistry.serialOf(stray), T0)).isInstanceOf(SignerStanding.Unknown.class);
    }

    @Test
    void signerWhenRevokedThenTheRevocationWithItsEffectTime() {
        X509Certificate cert = issued();
        clock.set(T0.plusSeconds(7200));
        trust.revoke(TrustRegistry.serialOf(cert), RevocationReason.KEY_COMPROMISE, T0.plusSeconds(600), "admin");
        assertThat(registry.signer(TrustRegistry.serialOf(cert), T0.plusSeconds(60))).isInstanceOfSatisfying(SignerStanding.Known.class,
                known -> assertThat(known.certificate().revocation().untrustedFrom()).isEqualTo(T0.plusSeconds(600)));
    }

    @Test
    void signerWhenAgencyChangedOverTimeThenItsStandingAsOfEachInstant() {
        X509Certificate cert = issued();
        String serial = TrustRegistry.serialOf(cert);
        clock.set(T0.plusSeconds(100));
        trust.grantRegion("FR-DGPN", "MED", "admin");
        clock.set(T0.plusSeconds(200));
        trust.suspend("FR-DGPN", "admin");
        clock.set(T0.plusSeconds(300));
        trust.reinstate("FR-DGPN", "admin");
        clock.set(T0.plusSeconds(400));
        trust.withdrawRegion("FR-DGPN", "EU-WEST", "admin");

        assertThat(standing(serial, T0.minusSeconds(1))).as("before its registration").isNull();
        assertThat(standing(serial, T0)).isEqualTo(new AgencyStanding(T0, Set.of("EU-WEST"), false));
        assertThat(standing(serial, T0.plusSeconds(150))).isEqualTo(new AgencyStanding(T0.plusSeconds(100), Set.of("EU-WEST", "MED"), false));
        assertThat(standing(serial, T0.plusSeconds(299)).suspended()).isTrue();
        assertThat(standing(serial, T0.plusSeconds(300)).suspended()).as("reinstated: the suspension is not forgotten, it ended").isFalse();
        assertThat(standing(serial, T0.plusSeconds(400)).regions()).containsExactly("MED");
    }

    /** Compaction keeps the latest event of each agency: that one alone must rebuild the whole history. */
    @Test
    void signerWhenOnlyTheLatestEventOfEachKeyIsLeftThenTheHistoryIsStillWhole() {
        X509Certificate cert = issued();
        clock.set(T0.plusSeconds(100));
        trust.suspend("FR-DGPN", "admin");
        clock.set(T0.plusSeconds(200));
        trust.reinstate("FR-DGPN", "admin");
        java.util.Map<String, TrustEvent> compacted = new java.util.LinkedHashMap<>();
        logged.forEach(event -> compacted.put(event.key(), TrustEventJson.read(TrustEventJson.write(event))));
        assertThat(compacted).hasSize(2);
        TrustRegistry rebuilt = new TrustRegistry();
        compacted.values().forEach(rebuilt::apply);
        SignerStanding during = rebuilt.signer(TrustRegistry.serialOf(cert), T0.plusSeconds(150));
        assertThat(during).isInstanceOfSatisfying(SignerStanding.Known.class, k -> assertThat(k.agency().suspended()).isTrue());
        assertThat(rebuilt.signer(TrustRegistry.serialOf(cert), T0.plusSeconds(250)))
                .isInstanceOfSatisfying(SignerStanding.Known.class, k -> assertThat(k.agency().suspended()).isFalse());
    }

    @Test
    void historyWhenLongerThanItsBoundThenOldestMergedIntoTheStricter() {
        trust.register("FR-DGPN", "Police nationale", Set.of("EU-WEST", "MED"), "a");
        for (int i = 1; i <= AgencyRecord.MAX_HISTORY + 10; i++) {
            clock.set(T0.plusSeconds(i));
            if (i % 2 == 1) {
                trust.withdrawRegion("FR-DGPN", "MED", "a");
            } else {
                trust.grantRegion("FR-DGPN", "MED", "a");
            }
        }
        AgencyRecord agency = registry.agency("FR-DGPN").orElseThrow();
        assertThat(agency.history()).hasSize(AgencyRecord.MAX_HISTORY);
        assertThat(agency.standingAt(T0).orElseThrow().regions()).as("merged: only what both had").containsExactly("EU-WEST");
        assertThat(agency.standingAt(T0.plusSeconds(AgencyRecord.MAX_HISTORY + 10)).orElseThrow().regions())
                .containsExactlyInAnyOrder("EU-WEST", "MED");
    }

    @Test
    void agencyRecordWrittenBeforeHistoriesThenCurrentRegionsAlwaysAndSuspensionFromItsTime() {
        AgencyRecord legacy = new AgencyRecord("FR-DGPN", "x", Set.of("EU-WEST"), AgencyStatus.SUSPENDED, T0);
        assertThat(legacy.standingAt(T0.minusSeconds(86_400)).orElseThrow()).isEqualTo(new AgencyStanding(Instant.EPOCH, Set.of("EU-WEST"), false));
        assertThat(legacy.standingAt(T0).orElseThrow().suspended()).isTrue();
        AgencyRecord reinstated = legacy.changed(Set.of("EU-WEST"), AgencyStatus.ACTIVE, T0.plusSeconds(10));
        assertThat(reinstated.history()).hasSize(3);
        assertThat(reinstated.standingAt(T0.plusSeconds(5)).orElseThrow().suspended()).isTrue();
    }

    @Test
    void changeWhenStampedBeforeTheLatestStandingThenTakesEffectAtIt() {
        AgencyRecord agency = AgencyRecord.registered("FR-DGPN", "x", Set.of("EU-WEST"), T0);
        AgencyRecord changed = agency.changed(Set.of("MED"), AgencyStatus.ACTIVE, T0.minusSeconds(5));
        assertThat(changed.history()).extracting(AgencyStanding::from).containsExactly(T0, T0);
        assertThat(changed.standingAt(T0).orElseThrow().regions()).containsExactly("MED");
        assertThatThrownBy(() -> new AgencyRecord("FR-DGPN", "x", Set.of("EU-WEST"), AgencyStatus.ACTIVE, null,
                List.of(new AgencyStanding(T0, Set.of("MED"), false)))).hasMessageContaining("current state");
    }

    private AgencyStanding standing(String serial, Instant at) {
        return registry.signer(serial, at) instanceof SignerStanding.Known known ? known.agency() : null;
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
    void issueCertificateWhenAgencySuspendedThenRefused() {
        issued();
        clock.set(T0.plusSeconds(100));
        trust.suspend("FR-DGPN", "admin");
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
    void signerWhenFollowerFailedThenUnavailableNotAVerdict() {
        X509Certificate cert = issued();
        registry.markUnavailable("broker gone");
        assertThatThrownBy(() -> registry.signer(TrustRegistry.serialOf(cert), T0)).isInstanceOf(TrustUnavailableException.class);
    }

    @Test
    void registerPeerWhenFingerprintAndChainHoldThenActiveAndRemovable() {
        CertificateAuthority peerRoot = CertificateAuthority.createRoot("Peer Root", Duration.ofDays(30));
        CertificateAuthority peerIssuing = peerRoot.issueSubordinate("Peer Issuing", Duration.ofDays(30));
        X509Certificate federation = peerIssuing.issueFederationRecipientCertificate("EXCH-MED",
                Keys.generateEcP256().getPublic(), Duration.ofDays(30));
        String chain = eu.synergie.crypto.pki.Pem.certificates(List.of(federation, peerIssuing.certificate()));
        String root = eu.synergie.crypto.pki.Pem.certificates(List.of(peerRoot.certificate()));
        String fingerprint = Fingerprints.sha256(peerRoot.certificate()).toUpperCase().replaceAll("(..)(?!$)", "$1:");

        PeerRecord peer = trust.registerPeer(new PeerTerms("EXCH-MED", root, fingerprint, chain, Set.of("EU-WEST"),
                java.util.Map.of("MED-NORTH", "MED")), "amelie.roux");

        assertThat(peer.active()).isTrue();
        assertThat(peer.regionFor("MED-NORTH")).contains("MED");
        assertThat(peer.sends("EU-WEST")).isTrue();
        assertThat(registry.peer("EXCH-MED")).contains(peer);
        assertThat(logged.getLast()).isInstanceOfSatisfying(TrustEvent.PeerChanged.class,
                e -> assertThat(e.key()).isEqualTo("peer:EXCH-MED"));
        assertThat(TrustEventJson.read(TrustEventJson.write(logged.getLast()))).isEqualTo(logged.getLast());

        clock.set(T0.plusSeconds(60));
        assertThat(trust.removePeer("EXCH-MED", "amelie.roux").status()).isEqualTo(PeerStatus.REMOVED);
        assertThat(registry.peer("EXCH-MED")).hasValueSatisfying(p -> assertThat(p.active()).isFalse());
        assertThatThrownBy(() -> trust.removePeer("EXCH-MED", "a")).isInstanceOfSatisfying(TrustException.class,
                e -> assertThat(e.kind()).isEqualTo(TrustException.Kind.NOT_FOUND));
    }

    @Test
    void registerPeerWhenFingerprintWrongOrChainForeignOrRegionNotServedThenInvalidAndNothingLogged() {
        CertificateAuthority peerRoot = CertificateAuthority.createRoot("Peer Root", Duration.ofDays(30));
        CertificateAuthority other = CertificateAuthority.createRoot("Someone Else", Duration.ofDays(30));
        String root = eu.synergie.crypto.pki.Pem.certificates(List.of(peerRoot.certificate()));
        String fingerprint = Fingerprints.sha256(peerRoot.certificate());
        String own = eu.synergie.crypto.pki.Pem.certificates(List.of(peerRoot.issueFederationRecipientCertificate("EXCH-MED",
                Keys.generateEcP256().getPublic(), Duration.ofDays(30))));
        String foreign = eu.synergie.crypto.pki.Pem.certificates(List.of(other.issueFederationRecipientCertificate("EXCH-MED",
                Keys.generateEcP256().getPublic(), Duration.ofDays(30))));

        assertThatThrownBy(() -> trust.registerPeer(new PeerTerms("EXCH-MED", root, (fingerprint.charAt(0) == '0' ? "1" : "0") + fingerprint.substring(1), own,
                Set.of(), java.util.Map.of()), "a")).hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> trust.registerPeer(new PeerTerms("EXCH-MED", root, fingerprint, foreign,
                Set.of(), java.util.Map.of()), "a")).hasMessageContaining("does not chain");
        assertThatThrownBy(() -> trust.registerPeer(new PeerTerms("EXCH-MED", root, fingerprint, own,
                Set.of("MARS"), java.util.Map.of()), "a")).hasMessageContaining("not served");
        assertThatThrownBy(() -> trust.registerPeer(new PeerTerms("exch med", root, fingerprint, own,
                Set.of(), java.util.Map.of()), "a")).hasMessageContaining("EXCH-MED");
        String region = eu.synergie.crypto.pki.Pem.certificates(List.of(peerRoot.issueRegionRecipientCertificate("MED",
                Keys.generateEcP256().getPublic(), Duration.ofDays(30))));
        assertThatThrownBy(() -> trust.registerPeer(new PeerTerms("EXCH-MED", root, fingerprint, region,
                Set.of(), java.util.Map.of()), "a")).hasMessageContaining("OU=Federation");
        assertThatThrownBy(() -> trust.registerPeer(new PeerTerms("EXCH-WAF", root, fingerprint, own,
                Set.of(), java.util.Map.of()), "a")).hasMessageContaining("another exchange");
        assertThat(logged).isEmpty();
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

    @Test
    void chooseRegionProfileWhenHybridFromLaterThenLoggedAppliedAndReadBackFromJson() {
        TrustService hybrid = hybridTrust();

        RegionProfile chosen = hybrid.chooseRegionProfile("MED", EnvelopeProfile.HYBRID, T0.plusSeconds(3600), "amelie.roux");

        assertThat(chosen.switches()).containsExactly(new RegionProfile.Switch(T0.plusSeconds(3600), EnvelopeProfile.HYBRID));
        assertThat(registry.regionProfile("MED")).contains(chosen);
        assertThat(registry.regionProfile("EU-WEST")).isEmpty();
        TrustEvent event = logged.getLast();
        assertThat(event.key()).isEqualTo("region:MED");
        assertThat(TrustEventJson.read(TrustEventJson.write(event))).isEqualTo(event);
        assertThat(chosen.requiresHybridAt(T0.plusSeconds(3599))).isFalse();
        assertThat(chosen.requiresHybridAt(T0.plusSeconds(3600))).isTrue();
    }

    @Test
    void chooseRegionProfileWhenMovedBackToClassicalThenWhatWasAppendedWhileHybridIsStillJudgedHybrid() {
        TrustService hybrid = hybridTrust();
        hybrid.chooseRegionProfile("MED", EnvelopeProfile.HYBRID, T0.plusSeconds(3600), "a");
        clock.set(T0.plusSeconds(7200));

        RegionProfile back = hybrid.chooseRegionProfile("MED", EnvelopeProfile.CLASSICAL, T0.plusSeconds(9000), "a");

        assertThat(back.requiresHybridAt(T0.plusSeconds(3599))).isFalse();
        assertThat(back.requiresHybridAt(T0.plusSeconds(8999))).as("hybrid until the switch back, on a rebuild too").isTrue();
        assertThat(back.requiresHybridAt(T0.plusSeconds(9000))).isFalse();
        assertThat(registry.regionProfile("MED")).contains(back);
    }

    @Test
    void chooseRegionProfileWhenASwitchIsChosenBeforeOneToComeThenTheOneToComeGivesWay() {
        TrustService hybrid = hybridTrust();
        hybrid.chooseRegionProfile("MED", EnvelopeProfile.HYBRID, T0.plusSeconds(3600), "a");
        hybrid.chooseRegionProfile("MED", EnvelopeProfile.CLASSICAL, T0.plusSeconds(7200), "a");

        RegionProfile sooner = hybrid.chooseRegionProfile("MED", EnvelopeProfile.HYBRID, T0.plusSeconds(600), "a");

        assertThat(sooner.switches()).containsExactly(new RegionProfile.Switch(T0.plusSeconds(600), EnvelopeProfile.HYBRID));
        assertThat(sooner.requiresHybridAt(T0.plusSeconds(100_000))).isTrue();
    }

    @Test
    void chooseRegionProfileWhenSwitchDateWithinTheLeadOrNoMlDsaHierarchyThenRefused() {
        TrustService hybrid = hybridTrust();

        assertThatThrownBy(() -> hybrid.chooseRegionProfile("MED", EnvelopeProfile.HYBRID, T0.plusSeconds(59), "a"))
                .isInstanceOfSatisfying(TrustException.class, e -> assertThat(e.getMessage()).contains("less than 60 s from now"));
        assertThatThrownBy(() -> hybrid.chooseRegionProfile("MARS", EnvelopeProfile.HYBRID, null, "a"))
                .isInstanceOfSatisfying(TrustException.class, e -> assertThat(e.kind()).isEqualTo(TrustException.Kind.INVALID));
        assertThatThrownBy(() -> trust.chooseRegionProfile("MED", EnvelopeProfile.HYBRID, null, "a"))
                .isInstanceOfSatisfying(TrustException.class, e -> assertThat(e.getMessage()).contains("no ML-DSA hierarchy"));
        assertThat(registry.regionProfile("MED")).isEmpty();
        assertThat(hybrid.chooseRegionProfile("MED", EnvelopeProfile.HYBRID, null, "a").switches().getFirst().from())
                .as("by default as soon as the lead allows").isEqualTo(T0.plus(TrustService.DEFAULT_PROFILE_LEAD));
    }

    @Test
    void applyWhenTwoRegionChoicesOfOneVersionThenTheOneHybridForLongerStandsWhicheverCameFirst() {
        RegionProfile later = RegionProfile.classical("MED").switchedTo(EnvelopeProfile.HYBRID, T0.plusSeconds(7200));
        RegionProfile sooner = RegionProfile.classical("MED").switchedTo(EnvelopeProfile.HYBRID, T0.plusSeconds(3600));
        TrustEvent a = new TrustEvent.RegionProfileChanged(later, T0, "a", 1);
        TrustEvent b = new TrustEvent.RegionProfileChanged(sooner, T0.minusSeconds(1), "b", 1);
        TrustRegistry one = new TrustRegistry();
        TrustRegistry other = new TrustRegistry();

        one.apply(a);
        one.apply(b);
        other.apply(b);
        other.apply(a);

        assertThat(one.regionProfile("MED")).contains(sooner);
        assertThat(other.regionProfile("MED")).contains(sooner);
    }

    private TrustService hybridTrust() {
        return new TrustService(registry, log, ca, CertificateAuthority.createMlDsaRoot("Test ML-DSA CA", Duration.ofDays(30)),
                new MemoryRevocations(), Set.of("EU-WEST", "MED"), Duration.ofDays(30), clock);
    }

    @Test
    void issueCertificateWhenMlDsaKeyThenFromTheMlDsaHierarchyAndMlKemRefused() {
        CertificateAuthority mlDsaCa = CertificateAuthority.createMlDsaRoot("Test ML-DSA CA", Duration.ofDays(30));
        TrustService hybrid = new TrustService(registry, log, ca, mlDsaCa, new MemoryRevocations(), Set.of("EU-WEST", "MED"),
                Duration.ofDays(30), clock);
        hybrid.register("FR-DGPN", "Police nationale", Set.of("EU-WEST"), "a");

        List<X509Certificate> chain = hybrid.issueCertificate("FR-DGPN", Keys.generateMlDsa65().getPublic(), "a");

        assertThat(chain.getLast()).isEqualTo(mlDsaCa.certificate());
        assertThat(registry.certificate(TrustRegistry.serialOf(chain.getFirst()))).isPresent();
        assertThatThrownBy(() -> hybrid.issueCertificate("FR-DGPN", Keys.generateMlKem768().getPublic(), "a"))
                .isInstanceOfSatisfying(TrustException.class, e -> assertThat(e.kind()).isEqualTo(TrustException.Kind.INVALID));
        assertThatThrownBy(() -> trust.issueCertificate("FR-DGPN", Keys.generateMlDsa65().getPublic(), "a"))
                .isInstanceOfSatisfying(TrustException.class, e -> assertThat(e.getMessage()).contains("no ML-DSA hierarchy"));
    }
}
