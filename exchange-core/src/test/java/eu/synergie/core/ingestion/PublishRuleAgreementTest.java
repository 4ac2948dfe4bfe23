package eu.synergie.core.ingestion;

import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.envelope.TestExchange;
import eu.synergie.core.intake.InMemoryNoticeLog;
import eu.synergie.core.intake.LoggedEnvelope;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.intake.NoticeLog;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.PublishGate;
import eu.synergie.core.policy.Role;
import eu.synergie.core.trust.AgencyRecord;
import eu.synergie.core.trust.CertificateRecord;
import eu.synergie.core.trust.RevocationReason;
import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustException;
import eu.synergie.core.trust.ListTrustLog;
import eu.synergie.core.trust.MemoryRevocations;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One publish rule at the gateway and in the indexer, checked over random histories: agencies joining and
 * leaving regions, suspended and reinstated, certificates revoked (for a key compromise, possibly stated to have
 * begun earlier), certificates expiring, and envelopes appended at random times — by agencies, by an agency that
 * was never registered, by an agency impersonating another.
 * <p>
 * For each case the gateway ({@link NoticeIntake}, the real class) decides at the append time with what its
 * registry knew then and a feed token; the indexer ({@link NoticeIngestion}, the real class) reads the same
 * envelope from the log later, with everything the registry learnt since. They must agree whenever the token
 * agrees with the registry; with any other token, the gateway may only be stricter (its refusal is then
 * {@code PUBLISH_NOT_PERMITTED}). The one disagreement by design: a key compromise revoked after the append and
 * stated to have begun before it is refused by the indexer alone, which knows of it ({@code CERTIFICATE_REVOKED}).
 * <p>
 * A seeded generator: the seed is printed, and {@code -Dsynergie.agreement.seed=…} replays a run.
 */
class PublishRuleAgreementTest {

    private static final int CASES = 10_000;
    private static final List<String> REGIONS = List.of("EU-WEST", "EU-CENTRAL");
    private static final List<String> AGENCIES = List.of("FR-DGPN", "BE-PJF", "MA-DGSN");
    private static final String NEVER_REGISTERED = "XX-ROGUE";
    private static final Duration SPAN = Duration.ofHours(3);

    private final TestExchange exchange = new TestExchange();
    private final NoticeOpener opener = exchange.opener();
    private final AccessPolicy policy = new AccessPolicy();
    /** When the pool was sealed; certificates are valid from five minutes before (the CA's skew allowance). */
    private final Instant sealedAt = Instant.now();
    /** The histories start here, after every certificate's notBefore. */
    private final Instant start = sealedAt.minus(Duration.ofMinutes(4));
    private final List<Signer> signers = new ArrayList<>();
    private final List<Sealed> pool = new ArrayList<>();

    @Test
    void gatewayAndIndexerWhenAnyHistoryAndAppendTimeThenSameDecision() {
        long seed = Long.getLong("synergie.agreement.seed", new Random().nextLong());
        Random random = new Random(seed);
        sealPool();

        Map<Outcome, Integer> byOutcome = new TreeMap<>();
        int consistentTokens = 0;
        int retroactive = 0;
        int tokenOnlyRefusals = 0;
        for (int n = 0; n < CASES; n++) {
            Case c = generate(random);
            Outcome atGateway = gateway(c);
            Outcome inIndexer = indexer(c);
            String why = "seed " + seed + ", case " + n + ": " + c;
            byOutcome.merge(inIndexer, 1, Integer::sum);
            if (!c.tokenAgrees() && atGateway == Outcome.of(RejectionReason.PUBLISH_NOT_PERMITTED)) {
                tokenOnlyRefusals++; // a token not the registry's: the gateway may only be stricter
            } else if (revokedRetroactively(c)) {
                retroactive++;
                assertThat(inIndexer).as(why).isNotEqualTo(Outcome.ACCEPTED)
                        .isIn(atGateway, Outcome.of(RejectionReason.CERTIFICATE_REVOKED));
            } else {
                consistentTokens += c.tokenAgrees() ? 1 : 0;
                assertThat(inIndexer).as(why).isEqualTo(atGateway);
            }
        }

        System.out.printf("publish rule agreement: %d cases (seed %d): %d with a token agreeing with the registry, "
                        + "%d refused by the token alone, %d key compromises learnt after the append; indexer outcomes %s%n",
                CASES, seed, consistentTokens, tokenOnlyRefusals, retroactive, byOutcome);
        assertThat(byOutcome).as("every part of the rule was exercised").containsKeys(Outcome.ACCEPTED,
                Outcome.of(RejectionReason.NOT_A_MEMBER), Outcome.of(RejectionReason.AGENCY_SUSPENDED),
                Outcome.of(RejectionReason.CERTIFICATE_REVOKED), Outcome.of(RejectionReason.CERTIFICATE_EXPIRED),
                Outcome.of(RejectionReason.UNKNOWN_SIGNER), Outcome.of(RejectionReason.SIGNER_NOT_ORIGINATOR));
        assertThat(consistentTokens).isGreaterThan(CASES / 2);
        assertThat(tokenOnlyRefusals).isPositive();
    }

    /** The gateway: its registry as of the append time, its clock at it, the token of the case. */
    private Outcome gateway(Case c) {
        TrustRegistry known = new TrustRegistry();
        c.events().stream().filter(e -> !e.at().isAfter(c.appendedAt())).forEach(known::apply);
        PublishGate gate = new PublishGate(policy, known, () -> { }, Clock.fixed(c.appendedAt(), ZoneOffset.UTC));
        NoticeIntake intake = new NoticeIntake(opener, gate, new InMemoryNoticeLog(c::appendedAt, 100));
        try {
            intake.publish(c.token(), c.envelope().bytes());
            return Outcome.ACCEPTED;
        } catch (EnvelopeRejectedException e) {
            return Outcome.of(e.reason());
        }
    }

    /** The indexer: the same envelope produced straight to the topic, read after every event of the history. */
    private Outcome indexer(Case c) {
        TrustRegistry everything = new TrustRegistry();
        c.events().forEach(everything::apply);
        Instant later = start.plus(SPAN).plus(Duration.ofHours(1));
        PublishGate gate = new PublishGate(policy, everything, () -> { }, Clock.fixed(later, ZoneOffset.UTC));
        List<DeadLetter> letters = new ArrayList<>();
        RecordingIndex index = new RecordingIndex();
        NoticeIngestion ingestion = new NoticeIngestion(opener, gate, eu.synergie.core.policy.ReleaseRule.none(), index, letters::addAll, Clock.fixed(later, ZoneOffset.UTC));
        ingestion.ingest(List.of(new LoggedEnvelope(NoticeLog.topicOf(c.envelope().region()), 0, 0,
                UUID.randomUUID().toString(), c.envelope().bytes(), c.appendedAt())));
        if (letters.isEmpty()) {
            assertThat(index.indexed).hasSize(1);
            return Outcome.ACCEPTED;
        }
        assertThat(index.indexed).isEmpty();
        return Outcome.of(letters.getFirst().reason());
    }

    /** A key compromise revoked after the append, stated to have begun at or before it. */
    private static boolean revokedRetroactively(Case c) {
        return c.events().stream().anyMatch(e -> e instanceof TrustEvent.CertificateChanged changed
                && changed.kind() == TrustEvent.CertificateChanged.Kind.REVOKED
                && changed.certificate().serial().equals(c.envelope().serial())
                && changed.at().isAfter(c.appendedAt())
                && !c.appendedAt().isBefore(changed.certificate().revocation().untrustedFrom()));
    }

    private Case generate(Random random) {
        List<TrustEvent> events = new ArrayList<>();
        TrustRegistry registry = new TrustRegistry();
        ListTrustLog log = new ListTrustLog(registry, events);
        TrustService trust = trustAt(start, registry, log);
        for (String agency : AGENCIES) {
            trust.register(agency, "Agency " + agency, someRegions(random), "test");
        }
        for (Signer signer : signers) {
            if (!signer.agency().equals(NEVER_REGISTERED)) {
                X509Certificate cert = signer.credential().certificate();
                TrustEvent issued = new TrustEvent.CertificateChanged(TrustEvent.CertificateChanged.Kind.ISSUED,
                        new CertificateRecord(TrustRegistry.serialOf(cert), signer.agency(), "(test)", cert.getNotBefore().toInstant(),
                                cert.getNotAfter().toInstant(), null), start, "test", 1);
                registry.apply(issued);
                events.add(issued);
            }
        }
        int changes = random.nextInt(31);
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            times.add(start.plusMillis(1 + (long) (random.nextDouble() * SPAN.toMillis())));
        }
        times.sort(null);
        for (Instant at : times) {
            change(random, trustAt(at, registry, log), at);
        }
        Instant appendedAt = !times.isEmpty() && random.nextInt(5) == 0
                ? times.get(random.nextInt(times.size()))   // exactly at a change: it is in force from its instant
                : start.plusMillis(1 + (long) (random.nextDouble() * SPAN.toMillis()));
        Sealed envelope = pool.get(random.nextInt(pool.size()));
        boolean agrees = random.nextInt(4) != 0;
        Caller token = agrees ? feedAgreeingWith(events, envelope.originAgency(), appendedAt) : anyToken(random);
        return new Case(List.copyOf(events), envelope, appendedAt, token, agrees);
    }

    /** The trust administration at {@code at}, over the case's registry, recording its events. */
    private TrustService trustAt(Instant at, TrustRegistry registry, ListTrustLog log) {
        return new TrustService(registry, log, exchange.ca, new MemoryRevocations(), Set.copyOf(REGIONS), Duration.ofDays(30),
                Clock.fixed(at, ZoneOffset.UTC));
    }

    private void change(Random random, TrustService trust, Instant at) {
        String agency = AGENCIES.get(random.nextInt(AGENCIES.size()));
        String region = REGIONS.get(random.nextInt(REGIONS.size()));
        try {
            switch (random.nextInt(6)) {
                case 0 -> trust.grantRegion(agency, region, "test");
                case 1 -> trust.withdrawRegion(agency, region, "test");
                case 2 -> trust.suspend(agency, "test");
                case 3 -> trust.reinstate(agency, "test");
                default -> {
                    Signer signer = signers.get(random.nextInt(signers.size()));
                    RevocationReason reason = RevocationReason.values()[random.nextInt(RevocationReason.values().length)];
                    Instant compromisedAt = reason == RevocationReason.KEY_COMPROMISE && random.nextBoolean()
                            ? at.minusMillis((long) (random.nextDouble() * SPAN.toMillis())) : null;
                    trust.revoke(TrustRegistry.serialOf(signer.credential().certificate()), reason, compromisedAt, "test");
                }
            }
        } catch (TrustException notApplicable) {
            // withdrawing a region it lacks, suspending twice, revoking an unknown or revoked certificate: no event
        }
    }

    /** The originator's feed, its token granting the regions the registry gave its agency at that time (Keycloak's sync). */
    private static Caller feedAgreeingWith(List<TrustEvent> events, String agency, Instant at) {
        Set<String> regions = Set.of();
        for (TrustEvent event : events) {
            if (event instanceof TrustEvent.AgencyChanged changed && changed.agency().code().equals(agency)
                    && !changed.at().isAfter(at)) {
                AgencyRecord record = changed.agency();
                regions = record.regions();
            }
        }
        return new Caller("service-account-feed-" + agency.toLowerCase(), agency, regions, null, EnumSet.of(Role.AGENCY_FEED));
    }

    private static Caller anyToken(Random random) {
        List<String> agencies = new ArrayList<>(AGENCIES);
        agencies.add(NEVER_REGISTERED);
        String agency = agencies.get(random.nextInt(agencies.size()));
        Set<Role> roles = random.nextInt(5) == 0 ? EnumSet.of(Role.ANALYST) : EnumSet.of(Role.AGENCY_FEED);
        return new Caller("feed", agency, someRegions(random), null, roles);
    }

    private static Set<String> someRegions(Random random) {
        Set<String> regions = new HashSet<>();
        for (String region : REGIONS) {
            if (random.nextBoolean()) {
                regions.add(region);
            }
        }
        return regions;
    }

    /**
     * Every agency (and one never registered) with a long-lived certificate and one that expires an hour after
     * sealing, hence within the histories; an envelope per certificate and region, and one that impersonates.
     */
    private void sealPool() {
        List<String> agencies = new ArrayList<>(AGENCIES);
        agencies.add(NEVER_REGISTERED);
        for (String agency : agencies) {
            for (Duration validity : List.of(Duration.ofDays(30), Duration.ofHours(1))) {
                KeyPair pair = Keys.generateEcP256();
                X509Certificate cert = exchange.ca.issueAgencyCertificate(agency, pair.getPublic(), validity);
                signers.add(new Signer(agency, new KeyCredential(pair.getPrivate(), exchange.ca.chainOf(cert))));
            }
        }
        for (Signer signer : signers) {
            for (String region : REGIONS) {
                pool.add(seal(signer, signer.agency(), region));
            }
        }
        pool.add(seal(signers.getFirst(), AGENCIES.get(1), REGIONS.getFirst()));
    }

    private Sealed seal(Signer signer, String originAgency, String region) {
        byte[] bytes = exchange.seal(TestExchange.notice(UUID.randomUUID(), originAgency, region), signer.credential(), region);
        return new Sealed(bytes, signer.agency(), originAgency, region, TrustRegistry.serialOf(signer.credential().certificate()));
    }

    private record Signer(String agency, KeyCredential credential) {
    }

    private record Sealed(byte[] bytes, String signerAgency, String originAgency, String region, String serial) {

        @Override
        public String toString() {
            return "envelope of " + originAgency + " for " + region + " signed by " + signerAgency + " (certificate " + serial + ")";
        }
    }

    private record Case(List<TrustEvent> events, Sealed envelope, Instant appendedAt, Caller token, boolean tokenAgrees) {

        @Override
        public String toString() {
            StringBuilder history = new StringBuilder();
            for (TrustEvent event : events) {
                history.append("\n  ").append(event.at()).append(' ').append(switch (event) {
                    case TrustEvent.AgencyChanged a -> a.kind() + " " + a.agency().code() + " " + a.agency().regions() + " "
                            + a.agency().status();
                    case TrustEvent.CertificateChanged x -> x.kind() + " " + x.certificate().serial()
                            + (x.certificate().revocation() == null ? "" : " " + x.certificate().revocation());
                    case TrustEvent.PeerChanged p -> p.kind() + " " + p.peer().name();
                    case TrustEvent.RegionProfileChanged r -> "PROFILE " + r.region();
                    case TrustEvent.ReleasePolicyChanged r -> "RELEASE " + r.policy();
                });
            }
            return envelope + " appended at " + appendedAt + ", token " + token.agency() + " " + token.regions() + " "
                    + token.roles() + (tokenAgrees ? " (the registry's)" : "") + ", history:" + history;
        }
    }

    /** A decision: accepted, or refused with its reason. */
    private record Outcome(RejectionReason reason) implements Comparable<Outcome> {

        static final Outcome ACCEPTED = new Outcome(null);
        private static final Map<RejectionReason, Outcome> REFUSED = new EnumMap<>(RejectionReason.class);

        static {
            for (RejectionReason reason : RejectionReason.values()) {
                REFUSED.put(reason, new Outcome(reason));
            }
        }

        static Outcome of(RejectionReason reason) {
            return REFUSED.get(reason);
        }

        @Override
        public int compareTo(Outcome other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return reason == null ? "ACCEPTED" : reason.name();
        }
    }
}
