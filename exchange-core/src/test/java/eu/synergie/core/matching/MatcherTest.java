package eu.synergie.core.matching;

import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The matcher's rules on an in-memory index: which alerts a hit raises, in which form, and to whom. */
class MatcherTest {

    private static final String IBAN = "FR76 3000 6000 0112 3456 7890 189";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);
    private final MemoryIndex index = new MemoryIndex();
    private final Watchlists watchlists = new Watchlists();
    private final Matcher matcher = new Matcher(index, watchlists, new AccessPolicy(), 3, CLOCK);

    @Test
    void matchWhenTwoAgenciesShareAnIbanThenBothOriginatorsAlertedInTheFormOfTheOtherNotice() {
        Notice french = notice("FR-DGPN", Dissemination.FULL, Tlp.AMBER, Set.of(), iban(IBAN));
        Notice spanish = notice("ES-CNP", Dissemination.POINTER, Tlp.AMBER, Set.of(), iban("FR7630006000011234567890189"));
        index.add(french);

        List<Alert> alerts = index.addAndMatch(matcher, spanish);

        assertThat(only(alerts, "FR-DGPN").kind()).isEqualTo(Alert.Kind.HIT);
        Alert.Hit toFrance = hit(only(alerts, "FR-DGPN"));
        assertThat(toFrance.form()).as("the Spanish notice is POINTER").isEqualTo(Alert.Form.POINTER);
        assertThat(toFrance.otherNoticeId()).as("kept for the audit of the disclosure").isEqualTo(spanish.noticeId());
        assertThat(toFrance.asPointer().otherNoticeId()).isNull();
        assertThat(toFrance.otherAgency()).isEqualTo("ES-CNP");
        assertThat(toFrance.contactRef()).isEqualTo("REF-ES-CNP");
        assertThat(toFrance.noticeId()).isEqualTo(french.noticeId());
        assertThat(toFrance.entityValue()).isEqualTo("FR7630006000011234567890189");
        Alert.Hit toSpain = hit(only(alerts, "ES-CNP"));
        assertThat(toSpain.form()).as("the French notice is FULL").isEqualTo(Alert.Form.FULL);
        assertThat(toSpain.otherNoticeId()).isEqualTo(french.noticeId());
    }

    @Test
    void matchWhenOtherNoticeSilentThenItsSideSaysNothing() {
        Notice silent = notice("FR-DGPN", Dissemination.SILENT, Tlp.AMBER, Set.of(), iban(IBAN));
        index.add(silent);

        List<Alert> alerts = index.addAndMatch(matcher, notice("BE-PJF", Dissemination.FULL, Tlp.AMBER, Set.of(), iban(IBAN)));

        assertThat(alerts).extracting(Alert::recipientAgency).containsExactly("FR-DGPN");
    }

    @Test
    void matchWhenFullButNotReleasableToRecipientThenPointerAndRedNothing() {
        index.add(notice("FR-DGPN", Dissemination.FULL, Tlp.AMBER, Set.of("DE-BKA"), iban(IBAN)));
        index.add(notice("NL-POL", Dissemination.FULL, Tlp.RED, Set.of("DE-BKA"), iban(IBAN)));

        List<Alert> alerts = index.addAndMatch(matcher, notice("BE-PJF", Dissemination.SILENT, Tlp.AMBER, Set.of(), iban(IBAN)));

        assertThat(alerts).filteredOn(a -> a.recipientAgency().equals("BE-PJF"))
                .singleElement().extracting(MatcherTest::hit).satisfies(a -> {
                    assertThat(a.otherAgency()).isEqualTo("FR-DGPN");
                    assertThat(a.form()).isEqualTo(Alert.Form.POINTER);
                });
    }

    @Test
    void matchWhenValueSharedBeyondThresholdThenOverCorrelationInsteadOfHits() {
        for (String agency : List.of("FR-DGPN", "ES-CNP", "DE-BKA")) {
            index.add(notice(agency, Dissemination.FULL, Tlp.AMBER, Set.of(), iban(IBAN)));
        }

        List<Alert> alerts = index.addAndMatch(matcher, notice("BE-PJF", Dissemination.FULL, Tlp.AMBER, Set.of(), iban(IBAN)));

        assertThat(alerts).singleElement().isInstanceOfSatisfying(Alert.OverCorrelation.class, a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.OVER_CORRELATION);
            assertThat(a.recipientAgency()).isEqualTo("BE-PJF");
            assertThat(a.sharedBy()).isEqualTo(4);
        });
    }

    @Test
    void matchWhenPersonWithoutBirthDateThenNoHitButWithItOne() {
        index.add(notice("FR-DGPN", Dissemination.FULL, Tlp.AMBER, Set.of(), new Entity(EntityKind.PERSON, "Jean DUPONT", Map.of())));
        assertThat(index.addAndMatch(matcher, notice("BE-PJF", Dissemination.FULL, Tlp.AMBER, Set.of(),
                new Entity(EntityKind.PERSON, "Dupont, Jean", Map.of())))).isEmpty();

        index.add(notice("FR-DGPN", Dissemination.FULL, Tlp.AMBER, Set.of(),
                new Entity(EntityKind.PERSON, "Jean DUPONT", Map.of("birthDate", "1980-02-01"))));
        assertThat(index.addAndMatch(matcher, notice("BE-PJF", Dissemination.FULL, Tlp.AMBER, Set.of(),
                new Entity(EntityKind.PERSON, "Dupont, Jean", Map.of("birthDate", "1980-02-01")))))
                .extracting(a -> hit(a).entityValue()).containsOnly("dupont jean (1980-02-01)");
    }

    @Test
    void matchWhenWatchlistTextOrValueMatchesAReadableNoticeThenOwnerAlerted() {
        Caller claire = new Caller("claire", "FR-DGPN", Set.of("EU-WEST"), Classification.RESTRICTED, Set.of(Role.ANALYST));
        watchlists.apply("w1", watchlist("w1", claire, List.of(), "rançongiciel hopit*"));
        watchlists.apply("w2", watchlist("w2", claire, List.of(Watchlist.WatchedValue.of(EntityKind.PHONE, "06 12 34 56 78", "FR-DGPN")), null));

        Notice ransomware = notice("BE-PJF", Dissemination.FULL, Tlp.AMBER, Set.of(), iban("BE71096123456769"));
        Notice phone = notice("BE-PJF", Dissemination.FULL, Tlp.AMBER, Set.of(), new Entity(EntityKind.PHONE, "+33612345678", Map.of()));
        Notice secret = withClassification(notice("BE-PJF", Dissemination.FULL, Tlp.AMBER, Set.of(), new Entity(EntityKind.PHONE,
                "+33612345678", Map.of())), Classification.SECRET);

        List<Alert> alerts = matcher.match(List.of(indexed(ransomware), indexed(phone), indexed(secret)));

        assertThat(alerts).filteredOn(a -> a.kind() == Alert.Kind.WATCHLIST).map(Alert.WatchlistMatch.class::cast)
                .extracting(Alert.WatchlistMatch::watchlistId, Alert::noticeId)
                .as("same title on all three; the secret one is above claire's clearance")
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("w1", ransomware.noticeId()),
                        org.assertj.core.groups.Tuple.tuple("w1", phone.noticeId()),
                        org.assertj.core.groups.Tuple.tuple("w2", phone.noticeId()));
    }

    @Test
    void shownToWhenReaderMayNotOpenTheOtherNoticeThenPointer() {
        Notice french = notice("FR-DGPN", Dissemination.FULL, Tlp.AMBER, Set.of(), iban(IBAN));
        index.add(french);
        List<Alert> both = index.addAndMatch(matcher, notice("ES-CNP", Dissemination.POINTER, Tlp.AMBER, Set.of(), iban(IBAN)));
        Alert.Hit toSpain = hit(only(both, "ES-CNP"));
        AlertInbox inbox = new AlertInbox(new AccessPolicy(), 100);
        inbox.add(toSpain);

        Caller lucia = new Caller("lucia", "ES-CNP", Set.of("EU-WEST"), Classification.RESTRICTED, Set.of(Role.ANALYST));
        Caller elsewhere = new Caller("pablo", "ES-CNP", Set.of("MED"), Classification.RESTRICTED, Set.of(Role.ANALYST));
        Caller french2 = new Caller("luc", "FR-DGPN", Set.of("EU-WEST"), Classification.SECRET, Set.of(Role.ANALYST));

        assertThat(inbox.visibleTo(lucia, 10)).singleElement().extracting(a -> hit(a).otherNoticeId()).isEqualTo(french.noticeId());
        assertThat(inbox.visibleTo(elsewhere, 10)).as("may not read its own agency's notice either").isEmpty();
        assertThat(inbox.visibleTo(french2, 10)).as("another agency's alert").isEmpty();
        inbox.add(only(both, "FR-DGPN"));
        assertThat(inbox.visibleTo(french2, 10)).as("a pointer stays a pointer, even to a reader cleared for it")
                .singleElement().extracting(MatcherTest::hit).satisfies(a -> {
                    assertThat(a.form()).isEqualTo(Alert.Form.POINTER);
                    assertThat(a.otherNoticeId()).isNull();
                    assertThat(a.otherMarkings()).isNull();
                    assertThat(a.contactRef()).isEqualTo("REF-ES-CNP");
                });
        Caller westLow = new Caller("ana", "ES-CNP", Set.of("EU-WEST"), Classification.RESTRICTED, Set.of(Role.ANALYST));
        Alert secretOther = new Alert.Hit("x", "ES-CNP", CLOCK.instant(), UUID.randomUUID(), toSpain.markings(), "IBAN", "v",
                Alert.Form.FULL, french.noticeId(), "FR-DGPN", withClassification(french, Classification.SECRET).markings(), "REF");
        inbox.add(secretOther);
        assertThat(inbox.visibleTo(westLow, 10)).filteredOn(a -> a.id().equals("x")).singleElement()
                .satisfies(a -> assertThat(hit(a).otherNoticeId()).isNull());
    }

    private static Alert.Hit hit(Alert alert) {
        assertThat(alert).isInstanceOf(Alert.Hit.class);
        return (Alert.Hit) alert;
    }

    private static Alert only(List<Alert> alerts, String agency) {
        return alerts.stream().filter(a -> a.recipientAgency().equals(agency)).reduce((a, b) -> {
            throw new AssertionError("more than one alert to " + agency + ": " + alerts);
        }).orElseThrow(() -> new AssertionError("no alert to " + agency + ": " + alerts));
    }

    private static Watchlist watchlist(String id, Caller owner, List<Watchlist.WatchedValue> values, String text) {
        return new Watchlist(id, owner.subject(), owner.agency(), owner.regions(), owner.clearance(), "suivi " + id, values,
                text, Set.of(), Set.of(), CLOCK.instant());
    }

    private static Entity iban(String value) {
        return new Entity(EntityKind.IBAN, value, Map.of());
    }

    private static Notice notice(String agency, Dissemination dissemination, Tlp tlp, Set<String> releasableTo, Entity entity) {
        Markings markings = new Markings("EU-WEST", agency, Classification.RESTRICTED, HandlingCode.H1, null, tlp, releasableTo,
                dissemination);
        return new Notice(UUID.randomUUID(), NoticeType.CYBERCRIME, "Rançongiciel contre des hôpitaux",
                "Chiffrement des dossiers patients", "fr", CLOCK.instant(), null, markings, "B", "2", "REF-" + agency,
                List.of(entity));
    }

    private static Notice withClassification(Notice n, Classification classification) {
        Markings m = n.markings();
        return new Notice(n.noticeId(), n.type(), n.title(), n.summary(), n.language(), n.issuedAt(), n.validUntil(),
                new Markings(m.region(), m.originAgency(), classification, m.handlingCode(), null, m.tlp(), m.releasableTo(),
                        m.dissemination()), n.sourceReliability(), n.infoReliability(), n.caseRef(), n.entities());
    }

    private static IndexedNotice indexed(Notice notice) {
        return new IndexedNotice(new OpenedNotice(notice, notice.markings().originAgency(), "01", "ab", CLOCK.instant(),
                CLOCK.instant()), "synergie.notices.EU-WEST", 0, 0);
    }

    /** Holds notices and answers {@link #holdersOf} the way the real index does. */
    private static final class MemoryIndex implements NoticeHolders {

        private final List<Notice> notices = new ArrayList<>();

        void add(Notice notice) {
            notices.add(notice);
        }

        List<Alert> addAndMatch(Matcher matcher, Notice notice) {
            add(notice);
            return matcher.match(List.of(indexed(notice)));
        }

        @Override
        public EntityHoldings holdersOf(Set<String> matchKeys, int limit) {
            Map<String, Long> counts = new HashMap<>();
            Map<Notice, Set<String>> keysOf = new HashMap<>();
            for (Notice n : notices) {
                Set<String> keys = new java.util.HashSet<>();
                n.entities().forEach(e -> MatchKeys.of(e, n.markings().originAgency()).stream().filter(matchKeys::contains)
                        .forEach(keys::add));
                keys.forEach(k -> counts.merge(k, 1L, Long::sum));
                keysOf.put(n, keys);
            }
            List<EntityHoldings.Holding> holdings = new ArrayList<>();
            keysOf.forEach((n, keys) -> {
                if (keys.stream().anyMatch(k -> counts.get(k) <= limit)) {
                    holdings.add(new EntityHoldings.Holding(n.noticeId(), n.markings(), n.caseRef(), keys));
                }
            });
            return new EntityHoldings(counts, holdings);
        }
    }
}
