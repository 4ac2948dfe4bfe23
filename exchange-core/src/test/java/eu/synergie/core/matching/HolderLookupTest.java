package eu.synergie.core.matching;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Pointers tell exactly what a hit would tell the caller's agency: who holds something, never what, never to itself. */
class HolderLookupTest {

    private static final String KEY = "IMO:9074729";
    private static final Caller CLAIRE = new Caller("claire.martin", "FR-DGPN", Set.of("EU-WEST", "MED"),
            Classification.RESTRICTED, Set.of(Role.ANALYST));

    private final List<EntityHoldings.Holding> holdings = new ArrayList<>();
    private final HolderLookup lookup = new HolderLookup((keys, limit) -> {
        Map<String, Long> counts = new HashMap<>();
        holdings.forEach(h -> h.matchKeys().forEach(k -> counts.merge(k, 1L, Long::sum)));
        return new EntityHoldings(counts, holdings);
    }, new AccessPolicy(), 25);

    @Test
    void pointersWhenAnotherAgencysNoticeTheCallerMayNotReadThenItsHolderAndCaseOnly() {
        UUID spanish = hold("ES-CNP", "EU-CENTRAL", Classification.RESTRICTED, Dissemination.POINTER, Tlp.AMBER, Set.of(), "UDEF-1");

        HolderLookup.Pointers found = lookup.pointers(Set.of(KEY), CLAIRE);

        assertThat(found.pointers()).containsExactly(new HolderLookup.Pointer(KEY, "ES-CNP", "UDEF-1"));
        assertThat(found.noticeIds()).as("for the audit only").containsExactly(spanish);
    }

    @Test
    void pointersWhenFullButNotReleasableThenStillOnlyAPointer() {
        hold("MA-DGSN", "MED", Classification.RESTRICTED, Dissemination.FULL, Tlp.AMBER, Set.of("MA-DGSN", "ES-CNP"), "DGSN-7");

        assertThat(lookup.pointers(Set.of(KEY), CLAIRE).pointers()).extracting(HolderLookup.Pointer::holderAgency)
                .containsExactly("MA-DGSN");
    }

    @Test
    void pointersWhenSilentOrRedOutsideItsListOrReadableOrTheCallersOwnThenNone() {
        hold("ES-CNP", "EU-CENTRAL", Classification.RESTRICTED, Dissemination.SILENT, Tlp.AMBER, Set.of(), "SILENT-1");
        hold("DE-BKA", "EU-CENTRAL", Classification.RESTRICTED, Dissemination.FULL, Tlp.RED, Set.of("DE-BKA"), "RED-1");
        hold("BE-PJF", "EU-WEST", Classification.RESTRICTED, Dissemination.FULL, Tlp.AMBER, Set.of(), "READABLE-1");
        hold("FR-DGPN", "EU-WEST", Classification.SECRET, Dissemination.POINTER, Tlp.AMBER, Set.of(), "OWN-SECRET-1");

        HolderLookup.Pointers found = lookup.pointers(Set.of(KEY), CLAIRE);

        assertThat(found.pointers()).isEmpty();
        assertThat(found.noticeIds()).isEmpty();
    }

    @Test
    void pointersWhenKeyNotAskedThenNotTold() {
        hold("ES-CNP", "EU-CENTRAL", Classification.RESTRICTED, Dissemination.POINTER, Tlp.AMBER, Set.of(), "UDEF-1");

        assertThat(lookup.pointers(Set.of("IMO:9398242"), CLAIRE).pointers()).isEmpty();
        assertThat(lookup.pointers(Set.of(), CLAIRE).pointers()).isEmpty();
    }

    private UUID hold(String agency, String region, Classification classification, Dissemination dissemination, Tlp tlp,
                      Set<String> releasableTo, String caseRef) {
        UUID id = UUID.randomUUID();
        holdings.add(new EntityHoldings.Holding(id, new Markings(region, agency, classification, HandlingCode.H1, null, tlp,
                releasableTo, dissemination), caseRef, Set.of(KEY)));
        return id;
    }
}
