package eu.synergie.core.federation.hits;

import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.notice.normal.EntityNormalizer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static eu.synergie.core.federation.hits.HitFixtures.EU;
import static eu.synergie.core.federation.hits.HitFixtures.MED;
import static eu.synergie.core.federation.hits.HitFixtures.NOW;
import static eu.synergie.core.federation.hits.HitFixtures.entity;
import static eu.synergie.core.federation.hits.HitFixtures.notice;
import static eu.synergie.core.federation.hits.HitFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an exchange publishes to a peer, checked over generated notices (seeded, {@code -Dsynergie.hits.seed}): the two
 * sides' hashes meet exactly when the home matcher's normalised values are equal; nothing of a value is in the
 * record; SILENT, RED, withdrawn and protected never publish.
 */
class HitPublisherTest {

    private static final long SEED = Long.getLong("synergie.hits.seed", 0x41751L);
    private static final List<String> EU_AGENCIES = List.of("FR-DGPN", "FR-GN", "BE-PJF", "DE-BKA");
    private static final List<String> MED_AGENCIES = List.of("ES-CNP", "IT-PS", "FR-DGDDI", "GR-HP");

    private final HitPublisher euToMed = HitFixtures.euToMed();
    private final HitPublisher medToEu = HitFixtures.medToEu();

    @Test
    void publishWhenEachSideSpellsTheSamePhoneItsWayThenTheSameHashAndEachSideFindsTheMatch() {
        Notice french = notice("FR-DGPN", Dissemination.POINTER, Tlp.AMBER, List.of(entity(EntityKind.PHONE, "06 12 34 56 78")));
        Notice spanish = notice("ES-CNP", Dissemination.FULL, Tlp.GREEN, List.of(entity(EntityKind.PHONE, "+33 6 12 34 56 78")));
        PublishedHashes fromEu = euToMed.publish(french, NOW).orElseThrow();
        PublishedHashes fromMed = medToEu.publish(spanish, NOW).orElseThrow();
        HitMatcher atEu = new HitMatcher(EU, MED, fromEu.epoch(), 100);
        HitMatcher atMed = new HitMatcher(MED, EU, fromMed.epoch(), 100);

        atEu.own(fromEu);
        HitMatcher.Intake intake = atEu.peer(fromMed);
        atMed.peer(fromEu);
        List<HitMatch> medFound = atMed.own(fromMed);

        assertThat(fromEu.epoch()).isEqualTo("2026-W49").isEqualTo(fromMed.epoch());
        assertThat(fromEu.hashes()).hasSize(1).isEqualTo(fromMed.hashes());
        assertThat(intake).isInstanceOfSatisfying(HitMatcher.Intake.Accepted.class, accepted -> assertThat(accepted.matches())
                .singleElement().satisfies(m -> {
                    assertThat(m.ownNoticeId()).isEqualTo(french.noticeId());
                    assertThat(m.peerNoticeId()).isEqualTo(spanish.noticeId());
                    assertThat(m.peerExchange()).isEqualTo(MED);
                }));
        assertThat(medFound).singleElement().satisfies(m -> {
            assertThat(m.ownNoticeId()).isEqualTo(spanish.noticeId());
            assertThat(m.id()).as("one name for the pair on both sides").isEqualTo(atEu.matches().getFirst().id());
        });
    }

    @Test
    void publishWhenGeneratedNoticesOnBothSidesThenMatchesExactlyWhereMatchKeysAreEqual() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<HitFixtures.Identity> pool = HitFixtures.identities(SEED, 120);
        List<Notice> euNotices = generated(random, pool, EU_AGENCIES, 150);
        List<Notice> medNotices = generated(random, pool, MED_AGENCIES, 150);
        HitMatcher atEu = new HitMatcher(EU, MED, euToMed.epochAt(NOW), 100_000);
        for (Notice notice : euNotices) {
            euToMed.publish(notice, NOW).ifPresent(atEu::own);
        }
        for (Notice notice : medNotices) {
            medToEu.publish(notice, NOW).ifPresent(r -> assertThat(atEu.peer(r)).isInstanceOf(HitMatcher.Intake.Accepted.class));
        }

        Set<String> expected = new HashSet<>();
        for (Notice eu : euNotices) {
            for (Notice med : medNotices) {
                Set<String> shared = new HashSet<>(matchKeys(eu));
                shared.retainAll(matchKeys(med));
                if (!shared.isEmpty()) {
                    expected.add(eu.noticeId() + "/" + med.noticeId());
                }
            }
        }
        Set<String> found = new HashSet<>();
        atEu.matches().forEach(m -> found.add(m.ownNoticeId() + "/" + m.peerNoticeId()));

        assertThat(expected).as("seed " + SEED + ": the generated notices share values").hasSizeGreaterThan(20);
        assertThat(found).as("seed " + SEED).isEqualTo(expected);
    }

    @Test
    void identitiesWhenSpelledAnyWayThenOneMatchKey() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (HitFixtures.Identity identity : HitFixtures.identities(SEED, 300)) {
            for (int i = 0; i < 5; i++) {
                Entity spelled = identity.spelled(random);
                assertThat(MatchKeys.of(spelled, "FR-DGPN")).as(spelled.value()).contains(identity.matchKey());
            }
        }
    }

    @Test
    void publishWhenAnotherEpochOrPeerThenNoHashInCommon() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<Notice> notices = generated(random, HitFixtures.identities(SEED + 1, 80), EU_AGENCIES, 100);
        HitPublisher euToWa = HitFixtures.euToWa();
        Set<String> thisWeek = new HashSet<>();
        Set<String> nextWeek = new HashSet<>();
        Set<String> otherPeer = new HashSet<>();
        for (Notice notice : notices) {
            euToMed.publish(notice, NOW).ifPresent(r -> thisWeek.addAll(r.hashes()));
            euToMed.publish(notice, NOW.plusSeconds(7 * 86_400)).ifPresent(r -> {
                assertThat(r.epoch()).isEqualTo("2026-W50");
                nextWeek.addAll(r.hashes());
            });
            euToWa.publish(notice, NOW).ifPresent(r -> otherPeer.addAll(r.hashes()));
        }

        assertThat(thisWeek).hasSizeGreaterThan(50);
        assertThat(nextWeek).hasSameSizeAs(thisWeek).doesNotContainAnyElementsOf(thisWeek);
        assertThat(otherPeer).hasSameSizeAs(thisWeek).doesNotContainAnyElementsOf(thisWeek).doesNotContainAnyElementsOf(nextWeek);
    }

    @Test
    void publishWhenGeneratedMarkingsThenOnlyStandingFullOrPointerNotRedWithAnUnprotectedValue() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        List<HitFixtures.Identity> pool = HitFixtures.identities(SEED + 2, 50);
        Map<Dissemination, Integer> published = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            Dissemination dissemination = Dissemination.values()[random.nextInt(Dissemination.values().length)];
            Tlp tlp = Tlp.values()[random.nextInt(Tlp.values().length)];
            NoticeStatus status = random.nextInt(5) == 0 ? NoticeStatus.WITHDRAWN : NoticeStatus.ACTIVE;
            List<Entity> entities = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                Entity e = pool.get(random.nextInt(pool.size())).spelled(random);
                entities.add(random.nextInt(4) == 0 ? protectedOne(e) : e);
            }
            if (random.nextInt(3) == 0) {
                entities.add(entity(EntityKind.VEHICLE, "AB-123-CD"));
            }
            Notice notice = notice(UUID.randomUUID(), "FR-DGPN", dissemination, tlp, status, entities);
            long unprotected = entities.stream().filter(e -> e.protection() == null)
                    .flatMap(e -> MatchKeys.of(e, "FR-DGPN").stream()).distinct().count();
            boolean expected = dissemination != Dissemination.SILENT && tlp != Tlp.RED && status == NoticeStatus.ACTIVE
                    && unprotected > 0;

            Optional<PublishedHashes> record = euToMed.publish(notice, NOW);

            assertThat(record.isPresent()).as("seed %d case %d: %s %s %s %d values", SEED + 2, i, dissemination, tlp, status,
                    unprotected).isEqualTo(expected);
            record.ifPresent(r -> {
                assertThat(r.hashes()).hasSize((int) unprotected);
                published.merge(dissemination, 1, Integer::sum);
            });
        }
        assertThat(published).containsOnlyKeys(Dissemination.FULL, Dissemination.POINTER);
    }

    @Test
    void publishWhenOnlyAProtectedPersonCorrelatesThenNothingAndWithOthersOnlyTheirs() {
        Entity victim = protectedOne(person("Marie Curie", "1990-01-01"));
        Entity phone = entity(EntityKind.PHONE, "+33 6 12 34 56 78");

        assertThat(euToMed.publish(notice("FR-DGPN", Dissemination.FULL, Tlp.AMBER, List.of(victim)), NOW)).isEmpty();
        assertThat(euToMed.publish(notice("FR-DGPN", Dissemination.FULL, Tlp.AMBER, List.of(victim, phone)), NOW))
                .get().extracting(PublishedHashes::hashes).isEqualTo(
                        euToMed.publish(notice("FR-DGPN", Dissemination.FULL, Tlp.AMBER, List.of(phone)), NOW).orElseThrow().hashes());
    }

    @Test
    void retractionWhenPublishedThenAnEmptyRecordForTheNotice() {
        Notice notice = notice("FR-DGPN", Dissemination.POINTER, Tlp.AMBER, List.of(entity(EntityKind.PHONE, "+33612345678")));

        PublishedHashes retraction = euToMed.retraction(notice, NOW);

        assertThat(retraction.retraction()).isTrue();
        assertThat(retraction.noticeId()).isEqualTo(notice.noticeId());
        assertThat(retraction.epoch()).isEqualTo("2026-W49");
    }

    @Test
    void writeWhenGeneratedNoticesThenNoByteOfAnyValueNorTheAgencyInTheRecord() {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        List<HitFixtures.Identity> pool = HitFixtures.identities(SEED + 3, 300);
        int checked = 0;
        Set<EntityKind> kinds = new HashSet<>();
        for (Notice notice : generated(random, pool, EU_AGENCIES, 400)) {
            Optional<PublishedHashes> record = euToMed.publish(notice, NOW);
            if (record.isEmpty()) {
                continue;
            }
            byte[] json = HitsJson.write(record.get());
            for (String forbidden : forbidden(notice)) {
                assertThat(indexOf(json, forbidden.getBytes(StandardCharsets.UTF_8)))
                        .as("seed %d: a value of notice %s (%s) in %s", SEED + 3, notice.noticeId(), forbidden.length() + " chars",
                                new String(json, StandardCharsets.UTF_8)).isEqualTo(-1);
                checked++;
            }
            notice.entities().forEach(e -> kinds.add(e.kind()));
        }
        assertThat(checked).isGreaterThan(1_000);
        assertThat(kinds).contains(EntityKind.PHONE, EntityKind.IBAN, EntityKind.EMAIL, EntityKind.CRYPTO_WALLET,
                EntityKind.IDENTITY_DOCUMENT, EntityKind.PERSON);
    }

    /** Every form of every value of the notice: as written, normalised, the match key, phone digits; and its agency. */
    private static List<String> forbidden(Notice notice) {
        List<String> forms = new ArrayList<>();
        forms.add(notice.originAgency());
        forms.add(notice.caseRef());
        for (Entity e : notice.entities()) {
            forms.add(e.value());
            forms.add(e.value().strip());
            forms.add(e.value().toUpperCase());
            forms.add(e.value().toLowerCase());
            String normal = EntityNormalizer.normalize(e.kind(), e.value(), EntityNormalizer.phoneRegionOf(notice.originAgency()))
                    .normalized();
            forms.add(normal);
            forms.addAll(MatchKeys.of(e, notice.originAgency()));
            if (e.kind() == EntityKind.PHONE) {
                forms.add(normal.substring(1));
                forms.add(normal.substring(3));
            }
            if (e.kind() == EntityKind.PERSON) {
                forms.add(e.attributes().get("birthDate"));
            }
        }
        return forms;
    }

    private static List<Notice> generated(SplittableRandom random, List<HitFixtures.Identity> pool, List<String> agencies,
                                          int count) {
        List<Notice> notices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Entity> entities = new ArrayList<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                entities.add(pool.get(random.nextInt(pool.size())).spelled(random));
            }
            Dissemination dissemination = random.nextInt(5) == 0 ? Dissemination.FULL : Dissemination.POINTER;
            notices.add(notice(agencies.get(random.nextInt(agencies.size())), dissemination, Tlp.AMBER, entities));
        }
        return notices;
    }

    private static Set<String> matchKeys(Notice notice) {
        Set<String> keys = new HashSet<>();
        notice.entities().forEach(e -> keys.addAll(MatchKeys.of(e, notice.originAgency())));
        return keys;
    }

    /** The entity's person as a protected witness would reach the exchange: a pseudonym, nothing else. */
    private static Entity protectedOne(Entity entity) {
        String pseudonym = eu.synergie.core.notice.Pseudonyms.of(eu.synergie.core.notice.ProtectedRole.WITNESS,
                new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"), "CASE-1", entity.value());
        return new Entity(EntityKind.PERSON, pseudonym, Map.of(), null, null, eu.synergie.core.notice.ProtectedRole.WITNESS);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
