package eu.synergie.core.assets;

import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetType;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.Tlp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnershipWalkTest {

    // Karim BENALI owns Azur Holding (Malta) through FR-DGPN's notice; ES-CNP's notice shows Azur holding 60 % of
    // Costa Brava Inversiones, which owns a yacht and, closing a ring, half of Azur Holding.
    private static final Entity BENALI = person("p1");
    private static final Entity AZUR = company("c1", "Azur Holding Ltd", "MT", "C 81234");
    private static final Entity VILLA = asset("v1", "Villa Les Oliviers", new Asset(AssetType.REAL_ESTATE,
            Map.of("cadastralRef", "AB 0123"), null, "FR", null));
    private static final Notice FRENCH = notice("FR-DGPN", List.of(BENALI, AZUR, VILLA), List.of(
            owns("p1", "c1", Ownership.Kind.BENEFICIAL, "100"), owns("c1", "v1", Ownership.Kind.LEGAL, "100")));

    private static final Entity AZUR_IN_SPAIN = company("az", "AZUR HOLDING LIMITED", "MT", "C81234");
    private static final Entity COSTA = company("cb", "Costa Brava Inversiones SL", "ES", "B12345678");
    private static final Entity YACHT = asset("y1", "Yate Sirena", new Asset(AssetType.VESSEL, Map.of("imo", "9074729"),
            null, "MT", null));
    private static final Notice SPANISH = notice("ES-CNP", List.of(AZUR_IN_SPAIN, COSTA, YACHT), List.of(
            owns("az", "cb", Ownership.Kind.LEGAL, "60"), owns("cb", "y1", Ownership.Kind.LEGAL, "100"),
            owns("cb", "az", Ownership.Kind.LEGAL, "50")));

    @Test
    void fromWhenChainAcrossNoticesThenEveryAssetWithItsPathAndShare() {
        OwnershipWalk.Result result = new OwnershipWalk(readable(FRENCH, SPANISH), 5).from(FRENCH, "p1");

        assertThat(result.assets()).extracting(r -> r.asset().value())
                .containsExactly("Azur Holding Ltd", "Villa Les Oliviers", "Costa Brava Inversiones SL", "Yate Sirena");
        OwnershipWalk.Reached yacht = result.assets().get(3);
        assertThat(yacht.depth()).isEqualTo(3);
        assertThat(yacht.share()).isEqualByComparingTo("60");
        assertThat(yacht.notice()).isSameAs(SPANISH);
        assertThat(result.assets().get(1).share()).isEqualByComparingTo("100");
    }

    @Test
    void fromWhenRingOfCompaniesThenEndsAndReportsTheCycle() {
        OwnershipWalk.Result result = new OwnershipWalk(readable(FRENCH, SPANISH), 10).from(FRENCH, "p1");

        assertThat(result.cycles()).singleElement().satisfies(link -> {
            assertThat(link.owner().ref()).isEqualTo("cb");
            assertThat(link.owned().ref()).isEqualTo("az");
        });
        assertThat(result.assets()).hasSize(4);
    }

    @Test
    void fromWhenDepthLimitThenCompaniesBeyondAreMarkedNotFollowed() {
        OwnershipWalk.Result result = new OwnershipWalk(readable(FRENCH, SPANISH), 2).from(FRENCH, "p1");

        assertThat(result.assets()).extracting(r -> r.asset().value())
                .containsExactly("Azur Holding Ltd", "Villa Les Oliviers", "Costa Brava Inversiones SL");
        assertThat(result.beyondDepth()).singleElement().extracting(OwnershipWalk.Occurrence::ref).isEqualTo("cb");
    }

    @Test
    void fromWhenOtherNoticeNotReadableThenItsAssetsAreNotReached() {
        OwnershipWalk.Result result = new OwnershipWalk(readable(FRENCH), 5).from(FRENCH, "p1");

        assertThat(result.assets()).extracting(r -> r.asset().value()).containsExactly("Azur Holding Ltd", "Villa Les Oliviers");
    }

    @Test
    void fromWhenShareUnknownOnTheWayThenShareUnknown() {
        Notice unknownShare = notice("FR-DGPN", List.of(person("p1"), AZUR, VILLA), List.of(
                new Ownership("p1", "c1", Ownership.Kind.LEGAL, null, null, null), owns("c1", "v1", Ownership.Kind.LEGAL, "100")));

        OwnershipWalk.Result result = new OwnershipWalk(readable(unknownShare), 5).from(unknownShare, "p1");

        assertThat(result.assets()).extracting(OwnershipWalk.Reached::share).containsOnlyNulls();
    }

    @Test
    void fromWhenKeysLookedUpThenEachKeyAskedOnce() {
        List<Set<String>> asked = new ArrayList<>();
        OwnershipWalk.Notices notices = keys -> {
            asked.add(keys);
            return readable(FRENCH, SPANISH).apply(keys);
        };

        new OwnershipWalk(notices, 10).from(FRENCH, "p1");

        assertThat(asked.stream().flatMap(Set::stream).toList()).doesNotHaveDuplicates()
                .contains("COMPANY:MT:C81234", "COMPANY:ES:B12345678");
    }

    @Test
    void fromWhenRefUnknownOrDepthZeroThenRefused() {
        assertThatThrownBy(() -> new OwnershipWalk(readable(FRENCH), 0)).hasMessageContaining("depth");
        assertThatThrownBy(() -> new OwnershipWalk(readable(FRENCH), 3).from(FRENCH, "zz")).hasMessageContaining("no entity with ref zz");
    }

    @Test
    void fromWhenOwnershipEndedBeforeTheDayAskedThenNotFollowed() {
        Notice sold = notice("FR-DGPN", List.of(person("p1"), VILLA), List.of(
                new Ownership("p1", "v1", Ownership.Kind.LEGAL, new BigDecimal("100"), java.time.LocalDate.of(2015, 1, 1),
                        java.time.LocalDate.of(2024, 6, 30))));

        assertThat(new OwnershipWalk(readable(sold), 3, java.time.LocalDate.of(2026, 12, 6)).from(sold, "p1").assets()).isEmpty();
        assertThat(new OwnershipWalk(readable(sold), 3, java.time.LocalDate.of(2024, 6, 30)).from(sold, "p1").assets()).hasSize(1);
    }

    @Test
    void fromWhenTwoChainsReachOneCompanyThenWalkedOnceAndNotACycle() {
        Entity holdingB = company("b", "Beta SARL", "FR", "852369741");
        Entity holdingC = company("c", "Gamma SARL", "FR", "852369742");
        Entity target = company("t", "Delta SL", "ES", "B87654321");
        Notice diamond = notice("FR-DGPN", List.of(person("p1"), holdingB, holdingC, target, VILLA), List.of(
                owns("p1", "b", Ownership.Kind.LEGAL, "100"), owns("p1", "c", Ownership.Kind.LEGAL, "100"),
                owns("b", "t", Ownership.Kind.LEGAL, "50"), owns("c", "t", Ownership.Kind.LEGAL, "50"),
                owns("t", "v1", Ownership.Kind.LEGAL, "100")));

        OwnershipWalk.Result result = new OwnershipWalk(readable(diamond), 5).from(diamond, "p1");

        assertThat(result.cycles()).isEmpty();
        assertThat(result.assets()).extracting(r -> r.asset().value())
                .containsExactly("Beta SARL", "Gamma SARL", "Delta SL", "Villa Les Oliviers");
    }

    @Test
    void fromWhenACompanyIsKnownByDifferentIdentifiersInEachNoticeThenFollowedThroughAllOfThem() {
        // The LEI here, the LEI and the number there, the number only in a third notice: one company.
        Entity byLei = new Entity(EntityKind.ASSET, "Azur Holding", null, "c1", new Asset(AssetType.COMPANY,
                Map.of("lei", "506700GE1G29325QX363"), null, "MT", null));
        Notice first = notice("FR-DGPN", List.of(person("p1"), byLei), List.of(owns("p1", "c1", Ownership.Kind.LEGAL, "100")));
        Entity both = new Entity(EntityKind.ASSET, "Azur Holding Ltd", null, "az", new Asset(AssetType.COMPANY,
                Map.of("lei", "506700GE1G29325QX363", "companyNumber", "C 81234"), null, "MT", null));
        Notice second = notice("BE-PJF", List.of(both), List.of());
        Entity byNumber = company("x", "AZUR HOLDING LIMITED", "MT", "C81234");
        Notice third = notice("ES-CNP", List.of(byNumber, YACHT), List.of(owns("x", "y1", Ownership.Kind.LEGAL, "100")));

        OwnershipWalk.Result result = new OwnershipWalk(readable(first, second, third), 5).from(first, "p1");

        assertThat(result.assets()).extracting(r -> r.asset().value()).containsExactly("Azur Holding", "Yate Sirena");
    }

    /** The notices "the caller may read": those given, found by their match keys as the index would. */
    private static OwnershipWalk.Notices readable(Notice... notices) {
        return keys -> java.util.Arrays.stream(notices).filter(n -> n.entities().stream()
                .anyMatch(e -> MatchKeys.of(e, n.originAgency()).stream().anyMatch(keys::contains))).toList();
    }

    private static Entity person(String ref) {
        return new Entity(EntityKind.PERSON, "Karim BENALI", Map.of("birthDate", "1975-04-12"), ref, null);
    }

    private static Entity company(String ref, String name, String country, String number) {
        return asset(ref, name, new Asset(AssetType.COMPANY, Map.of("companyNumber", number), null, country, null));
    }

    private static Entity asset(String ref, String label, Asset asset) {
        return new Entity(EntityKind.ASSET, label, null, ref, asset);
    }

    private static Ownership owns(String owner, String owned, Ownership.Kind kind, String share) {
        return new Ownership(owner, owned, kind, new BigDecimal(share), null, null);
    }

    private static Notice notice(String agency, List<Entity> entities, List<Ownership> relations) {
        Markings markings = new Markings("EU-WEST", agency, Classification.RESTRICTED, HandlingCode.H1, null, Tlp.AMBER,
                Set.of(), Dissemination.FULL);
        return new Notice(UUID.randomUUID(), NoticeType.MONEY_LAUNDERING, "Chaîne de sociétés", null, "fr",
                Instant.parse("2026-11-28T10:00:00Z"), null, markings, null, null, "CASE-1", entities, relations, 1,
                NoticeStatus.ACTIVE);
    }
}
