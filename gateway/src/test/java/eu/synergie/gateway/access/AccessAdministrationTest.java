package eu.synergie.gateway.access;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.Role;
import eu.synergie.core.trust.AgencyRecord;
import eu.synergie.core.trust.AgencyStatus;
import eu.synergie.core.trust.TrustEvent;
import eu.synergie.core.trust.TrustRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of access administration against a fake directory of our own port: no Keycloak needed. */
class AccessAdministrationTest {

    private final TrustRegistry registry = new TrustRegistry();
    private final FakeDirectory directory = new FakeDirectory();
    private final AccessAdministration access = new AccessAdministration(registry, directory);

    @Test
    void onboardedWhenNoFeedClientThenCreatedWithRegionsAndSecretShownOnce() {
        AgencyRecord agency = agency("PT-PJ", AgencyStatus.ACTIVE, "EU-WEST", "MED");

        AccessAdministration.FeedClient feed = access.onboarded(agency);

        assertThat(feed.clientId()).isEqualTo("feed-pt-pj");
        assertThat(feed.secret()).hasSizeGreaterThanOrEqualTo(40).isEqualTo(directory.secrets.get("PT-PJ"));
        assertThat(directory.regions.get("PT-PJ")).containsExactlyInAnyOrder("EU-WEST", "MED");
    }

    @Test
    void onboardedWhenFeedClientExistsThenSecretKeptAndRegionsAligned() {
        directory.createFeedClient("ES-CNP", Set.of("EU-WEST"), "provisioned");
        AgencyRecord agency = agency("ES-CNP", AgencyStatus.ACTIVE, "EU-WEST", "MED");

        AccessAdministration.FeedClient feed = access.onboarded(agency);

        assertThat(feed.secret()).isNull();
        assertThat(directory.secrets.get("ES-CNP")).isEqualTo("provisioned");
        assertThat(directory.regions.get("ES-CNP")).containsExactlyInAnyOrder("EU-WEST", "MED");
    }

    @Test
    void newFeedSecretWhenClientMissingThenCreatedAndWhenPresentThenReplaced() {
        agency("PT-PJ", AgencyStatus.ACTIVE, "EU-WEST");
        String first = access.newFeedSecret("PT-PJ").secret();
        String second = access.newFeedSecret("PT-PJ").secret();
        assertThat(first).isNotEqualTo(second);
        assertThat(directory.secrets.get("PT-PJ")).isEqualTo(second);
    }

    @Test
    void createUserWhenRegionOutsideAgencyThenInvalidAndNothingCreated() {
        agency("PT-PJ", AgencyStatus.ACTIVE, "EU-WEST");
        assertThatThrownBy(() -> access.createUser(user("PT-PJ", "EU-WEST", "MED"), true))
                .isInstanceOfSatisfying(AccessException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AccessException.Kind.INVALID);
                    assertThat(e.getMessage()).contains("[MED]").contains("PT-PJ");
                });
        assertThat(directory.users).isEmpty();
    }

    @Test
    void createUserWhenAgencyUnknownOrSuspendedThenRefused() {
        agency("BE-PJF", AgencyStatus.SUSPENDED, "EU-WEST");
        assertThatThrownBy(() -> access.createUser(user("XX-NONE", "EU-WEST"), true))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.kind()).isEqualTo(AccessException.Kind.INVALID));
        assertThatThrownBy(() -> access.createUser(user("BE-PJF", "EU-WEST"), true))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.kind()).isEqualTo(AccessException.Kind.CONFLICT));
        assertThat(directory.users).isEmpty();
    }

    @Test
    void createUserWhenAllowedThenPasswordGeneratedAndPassedToDirectory() {
        agency("PT-PJ", AgencyStatus.ACTIVE, "EU-WEST", "MED");
        AccessAdministration.CreatedUser created = access.createUser(user("PT-PJ", "MED"), false);
        assertThat(created.initialPassword()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(directory.users).containsEntry("rui.costa", created.initialPassword());
        assertThat(created.temporaryPassword()).isFalse();
    }

    @Test
    void newUserWhenAgencyFeedRoleOrNoNameOrBadUsernameThenInvalid() {
        assertThatThrownBy(() -> new NewUser("rui.costa", "r@pj.example", "Rui", "Costa", "PT-PJ", Set.of(),
                Classification.RESTRICTED, Set.of(Role.AGENCY_FEED))).hasMessageContaining("agency-feed");
        assertThatThrownBy(() -> new NewUser("rui.costa", "r@pj.example", "", "Costa", "PT-PJ", Set.of(),
                Classification.RESTRICTED, Set.of(Role.ANALYST))).hasMessageContaining("firstName");
        assertThatThrownBy(() -> new NewUser("Rui Costa", "r@pj.example", "Rui", "Costa", "PT-PJ", Set.of(),
                Classification.RESTRICTED, Set.of(Role.ANALYST))).hasMessageContaining("username");
        assertThatThrownBy(() -> new NewUser("rui.costa", "r@pj.example", "Rui", "Costa", "PT-PJ", Set.of(),
                null, Set.of(Role.ANALYST))).hasMessageContaining("clearance");
    }

    @Test
    void synchronizeFollowsTheRegistry() {
        agency("PT-PJ", AgencyStatus.SUSPENDED, "EU-WEST");
        access.synchronize("PT-PJ");
        assertThat(directory.disabled).contains("PT-PJ");

        agency("PT-PJ", AgencyStatus.ACTIVE, "EU-WEST", "MED");
        access.synchronize("PT-PJ");
        assertThat(directory.disabled).doesNotContain("PT-PJ");
        assertThat(directory.regions.get("PT-PJ")).containsExactlyInAnyOrder("EU-WEST", "MED");
    }

    private AgencyRecord agency(String code, AgencyStatus status, String... regions) {
        AgencyRecord agency = new AgencyRecord(code, "Agency " + code, Set.of(regions), status,
                status == AgencyStatus.SUSPENDED ? Instant.parse("2026-11-28T10:00:00Z") : null);
        registry.apply(new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGISTERED, agency, Instant.now(), "test",
                registry.version("agency:" + code) + 1));
        return agency;
    }

    private static NewUser user(String agency, String... regions) {
        return new NewUser("rui.costa", "rui.costa@pj.example", "Rui", "Costa", agency, Set.of(regions),
                Classification.CONFIDENTIAL, Set.of(Role.ANALYST));
    }

    /** Our own port, in memory: feed clients by agency, users by name, suspended agencies. */
    private static final class FakeDirectory implements IdentityDirectory {

        final Map<String, String> secrets = new HashMap<>();
        final Map<String, Set<String>> regions = new HashMap<>();
        final Map<String, String> users = new HashMap<>();
        final Set<String> disabled = new HashSet<>();

        @Override
        public boolean createFeedClient(String agency, Set<String> regions, String secret) {
            if (secrets.putIfAbsent(agency, secret) != null) {
                return false;
            }
            this.regions.put(agency, regions);
            return true;
        }

        @Override
        public boolean resetFeedSecret(String agency, String secret) {
            return secrets.replace(agency, secret) != null;
        }

        @Override
        public void alignRegions(String agency, Set<String> regions) {
            this.regions.put(agency, regions);
        }

        @Override
        public String createUser(NewUser user, String password, boolean temporaryPassword) {
            if (users.putIfAbsent(user.username(), password) != null) {
                throw new AccessException(AccessException.Kind.CONFLICT, "user exists");
            }
            return "id-" + user.username();
        }

        @Override
        public AccountCount disableAgency(String agency) {
            return new AccountCount(disabled.add(agency) ? 1 : 0, 0);
        }

        @Override
        public AccountCount enableAgency(String agency) {
            return new AccountCount(disabled.remove(agency) ? 1 : 0, 0);
        }

        @Override
        public Optional<String> unreachableReason() {
            return Optional.empty();
        }
    }
}
