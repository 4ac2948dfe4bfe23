package eu.synergie.core.trust;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.integrity.TestStamps;
import eu.synergie.crypto.pki.Keys;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several instances writing and following one trust log, as the review of the trust log found them going wrong: an
 * instance deciding from a view that lags, two changes of one key at the same moment, records appended after the
 * winning one (an outdated change, a losing one, a replay, junk, a tombstone) that compaction would keep instead.
 * The log is shared and signed as the broker keeps it; each instance has its own registry and follower, which reads
 * only when told (its lag); compaction keeps the last record of each key; the instances share a key folder (the
 * revocation archive).
 */
class TrustScenariosTest {

    private static final String AGENCY_NAME = "Police nationale";
    private static final Set<String> REGIONS = Set.of("EU-WEST", "MED", "EU-CENTRAL");

    private final SharedLog log = new SharedLog();
    private final MemoryRevocations folder = new MemoryRevocations();
    private final Instance a = new Instance();
    private final Instance b = new Instance();

    /** A: A suspends while B, whose follower lags, grants a region: B reads the suspension before deciding. */
    @Test
    void scenarioAWhenTheWritersViewLagsThenItCatchesUpBeforeDecidingAndBothChangesStand() {
        a.trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "amelie.roux");
        b.readAll();
        a.trust.suspend("FR-DGPN", "amelie.roux");

        AgencyRecord granted = b.trust.grantRegion("FR-DGPN", "MED", "markus.schmidt");

        assertThat(granted.status()).as("built on the suspension it had not read yet").isEqualTo(AgencyStatus.SUSPENDED);
        a.readAll();
        for (Instance instance : List.of(a, b, fresh(log))) {
            AgencyRecord agency = instance.registry.agency("FR-DGPN").orElseThrow();
            assertThat(agency.status()).isEqualTo(AgencyStatus.SUSPENDED);
            assertThat(agency.regions()).containsExactlyInAnyOrder("EU-WEST", "MED");
            assertThat(instance.registry.version("agency:FR-DGPN")).isEqualTo(3);
        }
    }

    /**
     * A, at the very same moment: B caught up, then A's suspension is appended before B's grant of the same version.
     * The suspension, stricter, stands everywhere; B's administrator is told; compaction keeps the suspension.
     */
    @Test
    void scenarioAWhenTwoChangesOfOneVersionRaceThenTheStricterStandsTheOtherIsRefusedAndCompactionKeepsIt() {
        a.trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "amelie.roux");
        b.beforeAppend = () -> a.trust.suspend("FR-DGPN", "amelie.roux");

        assertThatThrownBy(() -> b.trust.grantRegion("FR-DGPN", "MED", "markus.schmidt"))
                .isInstanceOfSatisfying(TrustException.class, e -> assertThat(e.kind()).isEqualTo(TrustException.Kind.CONFLICT));

        a.readAll();
        assertThat(log.records.getLast().key()).as("B's losing grant is the key's last record").isEqualTo("agency:FR-DGPN");
        assertThat(a.registry.overwritten()).containsExactly("agency:FR-DGPN");
        assertThat(b.alarm.raised).as("a change made at the same moment is no forgery").isEmpty();

        assertThat(a.trust.maintain()).containsExactly("agency:FR-DGPN");
        a.readAll();
        b.readAll();

        for (Instance instance : List.of(a, b, fresh(log.compacted()))) {
            AgencyRecord agency = instance.registry.agency("FR-DGPN").orElseThrow();
            assertThat(agency.status()).isEqualTo(AgencyStatus.SUSPENDED);
            assertThat(agency.memberOf("MED")).isFalse();
            assertThat(instance.registry.overwritten()).isEmpty();
        }
    }

    /**
     * B: B decided version 2 from version 1, and A's versions 2 and 3 were appended before B's: B's change is outdated,
     * B's administrator is told, and after both instances appended the winning state again at the same moment (equal
     * events), compaction keeps it, and nothing more is appended.
     */
    @Test
    void scenarioBWhenAnOutdatedChangeIsAppendedLastThenRefusedAndBothInstancesRestoreTheStateOnceAndConverge() {
        a.trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "amelie.roux");
        b.beforeAppend = () -> {
            a.trust.grantRegion("FR-DGPN", "MED", "amelie.roux");
            a.trust.suspend("FR-DGPN", "amelie.roux");
        };

        assertThatThrownBy(() -> b.trust.withdrawRegion("FR-DGPN", "EU-WEST", "markus.schmidt"))
                .isInstanceOfSatisfying(TrustException.class, e -> assertThat(e.kind()).isEqualTo(TrustException.Kind.CONFLICT));
        a.readAll();
        assertThat(b.registry.overwritten()).containsExactly("agency:FR-DGPN");
        assertThat(a.registry.overwritten()).containsExactly("agency:FR-DGPN");

        // Both at the same moment: A appends its copy after B caught up and before B appends its own.
        b.beforeAppend = () -> assertThat(a.trust.maintain()).containsExactly("agency:FR-DGPN");
        assertThat(b.trust.maintain()).containsExactly("agency:FR-DGPN");
        a.readAll();
        b.readAll();
        int length = log.records.size();

        assertThat(a.trust.maintain()).isEmpty();
        assertThat(b.trust.maintain()).isEmpty();
        assertThat(log.records).as("no instance appends anything more").hasSize(length);
        assertThat(a.registry.overwritten()).isEmpty();
        assertThat(b.registry.overwritten()).isEmpty();
        for (Instance instance : List.of(a, b, fresh(log.compacted()))) {
            assertThat(instance.registry.version("agency:FR-DGPN")).isEqualTo(3);
            AgencyRecord agency = instance.registry.agency("FR-DGPN").orElseThrow();
            assertThat(agency.status()).isEqualTo(AgencyStatus.SUSPENDED);
            assertThat(agency.regions()).containsExactlyInAnyOrder("EU-WEST", "MED");
        }
        assertThat(a.alarm.raised).as("outdated changes of the exchange's own, read once: no forgery").isEmpty();
    }

    /** B: a genuine ISSUED record copied after the revocation, within the freshness window: compaction keeps the revocation. */
    @Test
    void scenarioBWhenTheIssuedRecordIsReplayedAfterTheRevocationThenTheRevocationIsAppendedAgainAndOutlivesCompaction() {
        X509Certificate certificate = issued();
        String serial = TrustRegistry.serialOf(certificate);
        byte[] issuedRecord = log.lastValueOf("certificate:" + serial);
        a.trust.revoke(serial, RevocationReason.KEY_COMPROMISE, null, "amelie.roux");

        log.add("certificate:" + serial, issuedRecord);
        a.readAll();
        assertThat(a.alarm.reasons()).containsExactly(Rejection.REPLAYED);
        assertThat(a.trust.maintain()).containsExactly("certificate:" + serial);

        Instance later = fresh(log.compacted());
        assertThat(later.registry.certificate(serial)).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
        assertThat(later.registry.signer(serial, Instant.now())).isInstanceOfSatisfying(SignerStanding.Known.class,
                known -> assertThat(known.certificate().revoked()).isTrue());
    }

    /**
     * C: junk under the key of a revoked certificate: the revocation is appended again; and if the topic loses it all
     * the same (a tombstone, then compaction), the certificate is unknown to the registry (refused) and the CRL, built
     * with the archive in the key folder, still lists it.
     */
    @Test
    void scenarioCWhenJunkOrATombstoneFollowsARevocationThenRestoredAndTheCrlListsItEvenOnceTheTopicLostIt() {
        X509Certificate certificate = issued();
        String serial = TrustRegistry.serialOf(certificate);
        a.trust.revoke(serial, RevocationReason.KEY_COMPROMISE, null, "amelie.roux");

        log.add("certificate:" + serial, "{\"junk\":true}".getBytes());
        b.readAll();
        assertThat(b.alarm.reasons()).containsExactly(Rejection.UNSIGNED);
        assertThat(b.trust.maintain()).containsExactly("certificate:" + serial);
        assertThat(fresh(log.compacted()).registry.certificate(serial)).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());

        log.add("certificate:" + serial, null);
        Instance afterDeletion = fresh(log.compacted().without("certificate:" + serial));
        assertThat(afterDeletion.registry.certificate(serial)).as("deleted from the topic").isEmpty();
        assertThat(afterDeletion.registry.signer(serial, Instant.now())).isInstanceOf(SignerStanding.Unknown.class);
        assertThat(afterDeletion.trust.crl().isRevoked(certificate)).as("kept in the key folder").isTrue();
    }

    @Test
    void changeWhenTheLogCannotBeReadBackThenUnavailableSayingTheChangeWasRecorded() {
        a.trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "amelie.roux");
        a.failReading = true;

        assertThatThrownBy(() -> a.trust.suspend("FR-DGPN", "amelie.roux")).isInstanceOf(TrustUnavailableException.class);
        a.failReading = false;
        a.afterCatchUp = () -> a.failReading = true;

        assertThatThrownBy(() -> a.trust.suspend("FR-DGPN", "amelie.roux")).isInstanceOf(TrustUnavailableException.class)
                .hasMessageContaining("was recorded");
    }

    private X509Certificate issued() {
        a.trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "amelie.roux");
        return a.trust.issueCertificate("FR-DGPN", Keys.generateEcP256().getPublic(), "amelie.roux").getFirst();
    }

    /** A new instance reading {@code log} from its start (after a restart, or after compaction). */
    private Instance fresh(SharedLog log) {
        Instance instance = new Instance(log);
        instance.readAll();
        return instance;
    }

    /** The topic: records with their offsets (positions) and the broker's append time. */
    private static final class SharedLog {

        record Record(String key, byte[] value, Instant appendedAt) {
        }

        final List<Record> records = new ArrayList<>();

        void add(String key, byte[] value) {
            records.add(new Record(key, value, Instant.now()));
        }

        byte[] lastValueOf(String key) {
            return records.reversed().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().value();
        }

        /** What compaction leaves: the last record of each key, in offset order. */
        SharedLog compacted() {
            Map<String, Integer> last = new LinkedHashMap<>();
            for (int i = 0; i < records.size(); i++) {
                last.put(records.get(i).key(), i);
            }
            SharedLog compacted = new SharedLog();
            for (int i = 0; i < records.size(); i++) {
                if (last.get(records.get(i).key()) == i) {
                    compacted.records.add(records.get(i));
                }
            }
            return compacted;
        }

        /** What is left once a tombstoned key has gone. */
        SharedLog without(String key) {
            SharedLog left = new SharedLog();
            records.stream().filter(r -> !r.key().equals(key)).forEach(left.records::add);
            return left;
        }
    }

    /** One gateway instance: its registry, its follower (reading only when told), its trust service. */
    private final class Instance implements TrustLog {

        final TrustRegistry registry = new TrustRegistry();
        final TestStamps.RecordingAlarm alarm = new TestStamps.RecordingAlarm();
        final TrustRecords records = TrustRecords.of(TestStamps.signer(Clock.systemUTC()), TestStamps.SIGNATURES,
                new Freshness(Duration.ofMinutes(5)));
        final TrustLogReader reader = new TrustLogReader(registry, records, alarm);
        final TrustService trust;
        final SharedLog topic;
        Runnable beforeAppend = () -> { };
        Runnable afterCatchUp = () -> { };
        boolean failReading;
        int position;

        Instance() {
            this(log);
        }

        Instance(SharedLog topic) {
            this.topic = topic;
            this.trust = new TrustService(registry, this, TestStamps.ISSUING, folder, REGIONS, Duration.ofDays(10),
                    Clock.systemUTC());
        }

        @Override
        public void append(TrustEvent event) {
            Runnable hook = beforeAppend;
            beforeAppend = () -> { };
            hook.run();
            topic.add(event.key(), records.write(event));
        }

        @Override
        public void catchUp() {
            if (failReading) {
                throw new TrustUnavailableException("the broker does not answer");
            }
            readAll();
            afterCatchUp.run();
        }

        void readAll() {
            while (position < topic.records.size()) {
                SharedLog.Record record = topic.records.get(position);
                reader.accept(record.key(), record.value(), position++, record.appendedAt());
            }
            registry.readToEnd(Instant.now());
        }
    }
}
