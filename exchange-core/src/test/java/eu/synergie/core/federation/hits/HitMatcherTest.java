package eu.synergie.core.federation.hits;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import static eu.synergie.core.federation.hits.HitFixtures.EU;
import static eu.synergie.core.federation.hits.HitFixtures.MED;
import static eu.synergie.core.federation.hits.HitFixtures.WA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The matcher of one peer and epoch: matches found once, retractions, the cap, and refusals named. */
class HitMatcherTest {

    private static final String EPOCH = "2026-W49";
    private final SplittableRandom random = new SplittableRandom(0xCA9L);

    @Test
    void peerWhenAHashIsSharedThenOneMatchOnceWhicheverSideCameFirstAndItsIdIsTheSameOnBothSides() {
        String shared = hash();
        PublishedHashes mine = record(EU, MED, shared, hash());
        PublishedHashes theirs = record(MED, EU, hash(), shared);
        HitMatcher ownFirst = new HitMatcher(EU, MED, EPOCH, 10);
        HitMatcher peerFirst = new HitMatcher(EU, MED, EPOCH, 10);
        HitMatcher atMed = new HitMatcher(MED, EU, EPOCH, 10);

        assertThat(ownFirst.own(mine)).isEmpty();
        HitMatcher.Intake intake = ownFirst.peer(theirs);
        assertThat(accepted(peerFirst.peer(theirs))).isEmpty();
        List<HitMatch> later = peerFirst.own(mine);
        atMed.own(theirs);
        atMed.peer(mine);

        assertThat(accepted(intake)).singleElement().isEqualTo(later.getFirst())
                .isEqualTo(new HitMatch(EU, mine.noticeId(), "EU-WEST", MED, theirs.noticeId(), "EU-WEST", EPOCH));
        assertThat(accepted(ownFirst.peer(theirs))).as("the same record again: no new match").isEmpty();
        assertThat(ownFirst.own(mine)).isEmpty();
        assertThat(atMed.matches()).singleElement().extracting(HitMatch::id).isEqualTo(later.getFirst().id());
    }

    @Test
    void peerWhenItsNoticeRetractedOrRepublishedWithoutTheValueThenTheMatchNoLongerStands() {
        String shared = hash();
        PublishedHashes mine = record(EU, MED, shared);
        PublishedHashes theirs = record(MED, EU, shared);
        HitMatcher matcher = new HitMatcher(EU, MED, EPOCH, 10);
        matcher.own(mine);
        matcher.peer(theirs);

        matcher.peer(new PublishedHashes(MED, EU, EPOCH, theirs.noticeId(), "EU-WEST", List.of()));
        List<HitMatch> afterRetraction = matcher.matches();
        matcher.peer(theirs);
        List<HitMatch> restored = matcher.matches();
        matcher.peer(new PublishedHashes(MED, EU, EPOCH, theirs.noticeId(), "EU-WEST", List.of(hash())));

        assertThat(afterRetraction).isEmpty();
        assertThat(restored).hasSize(1);
        assertThat(matcher.matches()).isEmpty();
    }

    @Test
    void peerWhenBeyondTheCapThenRefusedWholeAndReplacedOrRepeatedHashesCountedOnce() {
        HitMatcher matcher = new HitMatcher(EU, MED, EPOCH, 5);
        String a = hash();
        String b = hash();
        String c = hash();
        PublishedHashes first = record(MED, EU, a, b, c);

        assertThat(matcher.peer(first)).isInstanceOf(HitMatcher.Intake.Accepted.class);
        assertThat(matcher.peer(first)).as("the same hashes again cost nothing").isInstanceOf(HitMatcher.Intake.Accepted.class);
        assertThat(matcher.peer(new PublishedHashes(MED, EU, EPOCH, first.noticeId(), "EU-WEST", List.of(a, hash()))))
                .as("a replaced record's hashes stay counted").isInstanceOf(HitMatcher.Intake.Accepted.class);
        assertThat(matcher.counted()).isEqualTo(4);
        HitMatcher.Intake refused = matcher.peer(record(MED, EU, hash(), hash()));

        assertThat(refused).isInstanceOfSatisfying(HitMatcher.Intake.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(HitMatcher.Reason.OVER_CAP);
            assertThat(r.detail()).contains("EXCH-MED", "6", "cap of 5");
        });
        assertThat(matcher.counted()).as("nothing of a refused record is taken").isEqualTo(4);
        assertThat(matcher.peer(record(MED, EU, b, hash()))).as("one more fits").isInstanceOf(HitMatcher.Intake.Accepted.class);
        assertThat(matcher.peer(new PublishedHashes(MED, EU, EPOCH, UUID.randomUUID(), "EU-WEST", List.of())))
                .as("a retraction adds nothing").isInstanceOf(HitMatcher.Intake.Accepted.class);
    }

    @Test
    void peerWhenAnotherPairOrEpochThenRefusedWithTheReason() {
        HitMatcher matcher = new HitMatcher(EU, MED, EPOCH, 10);

        assertThat(matcher.peer(record(WA, EU, hash()))).isEqualTo(new HitMatcher.Intake.Refused(HitMatcher.Reason.WRONG_PAIR,
                "published by EXCH-WA to EXCH-EU, expected EXCH-MED to EXCH-EU"));
        assertThat(matcher.peer(record(MED, WA, hash()))).extracting(r -> ((HitMatcher.Intake.Refused) r).reason())
                .isEqualTo(HitMatcher.Reason.WRONG_PAIR);
        assertThat(matcher.peer(new PublishedHashes(MED, EU, "2026-W50", UUID.randomUUID(), "EU-WEST", List.of(hash()))))
                .isEqualTo(new HitMatcher.Intake.Refused(HitMatcher.Reason.WRONG_EPOCH, "for epoch 2026-W50, expected 2026-W49"));
        assertThat(matcher.counted()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> matcher.own(record(MED, EU, hash())));
    }

    @Test
    void matchesWhenTheSameLogsFoldedAgainThenTheSameMatchesAndRefusals() {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hashes.add(hash());
        }
        List<PublishedHashes> own = new ArrayList<>();
        List<PublishedHashes> peer = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            own.add(record(EU, MED, pick(hashes), pick(hashes)));
            peer.add(record(MED, EU, pick(hashes), pick(hashes), pick(hashes)));
        }

        List<Object> first = fold(own, peer);
        List<Object> second = fold(own, peer);

        assertThat(first).isEqualTo(second);
        assertThat(first).hasAtLeastOneElementOfType(HitMatcher.Intake.Refused.class);
        assertThat(((List<?>) first.getLast())).hasSizeGreaterThan(10);
    }

    private static List<Object> fold(List<PublishedHashes> own, List<PublishedHashes> peer) {
        HitMatcher matcher = new HitMatcher(EU, MED, EPOCH, 30);
        List<Object> outcomes = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            outcomes.add(matcher.own(own.get(i)));
            outcomes.add(matcher.peer(peer.get(i)));
        }
        outcomes.add(matcher.matches());
        return outcomes;
    }

    private String pick(List<String> hashes) {
        return hashes.get(random.nextInt(hashes.size()));
    }

    private static List<HitMatch> accepted(HitMatcher.Intake intake) {
        assertThat(intake).isInstanceOf(HitMatcher.Intake.Accepted.class);
        return ((HitMatcher.Intake.Accepted) intake).matches();
    }

    private static PublishedHashes record(String from, String to, String... hashes) {
        return new PublishedHashes(from, to, EPOCH, UUID.randomUUID(), "EU-WEST", List.of(hashes));
    }

    private String hash() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
