package eu.synergie.gateway.access;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.Role;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A user account to create: who they are, the agency they act for, the regions and clearance that go
 * into their tokens, and their realm roles. Checked here; against the trust registry by
 * {@link AccessAdministration}.
 */
public record NewUser(String username, String email, String firstName, String lastName, String agency,
                      Set<String> regions, Classification clearance, Set<Role> roles) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public NewUser {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw invalid("username must be 3 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw invalid("email must be an e-mail address");
        }
        if (firstName == null || firstName.isBlank() || lastName == null || lastName.isBlank()) {
            // Keycloak's user profile requires both; without them the first login stops at "verify profile".
            throw invalid("firstName and lastName are required");
        }
        Objects.requireNonNull(agency, "agency");
        if (clearance == null) {
            throw invalid("clearance must be one of UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET");
        }
        if (roles == null || roles.isEmpty()) {
            throw invalid("at least one role is required");
        }
        if (roles.contains(Role.AGENCY_FEED)) {
            // Feeds are machine clients made at onboarding, never people.
            throw invalid("role agency-feed is for feed clients, not users");
        }
        regions = regions == null ? Set.of() : Set.copyOf(new TreeSet<>(regions));
        roles = Set.copyOf(roles);
    }

    private static AccessException invalid(String message) {
        return new AccessException(AccessException.Kind.INVALID, message);
    }
}
