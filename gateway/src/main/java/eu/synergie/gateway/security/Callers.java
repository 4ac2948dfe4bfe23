package eu.synergie.gateway.security;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a verified Keycloak token into a {@link Caller}: realm roles from {@code realm_access.roles},
 * and the claims {@code agency}, {@code regions} and {@code clearance}. An unknown clearance reads as
 * none, so the policy denies: a malformed claim never widens access.
 */
public final class Callers {

    private Callers() {
    }

    public static Caller of(Jwt jwt) {
        String subject = jwt.hasClaim("preferred_username") ? jwt.getClaimAsString("preferred_username") : jwt.getSubject();
        List<String> regions = jwt.hasClaim("regions") ? jwt.getClaimAsStringList("regions") : List.of();
        return new Caller(subject == null ? "unknown" : subject, jwt.getClaimAsString("agency"),
                new HashSet<>(regions == null ? List.of() : regions), clearance(jwt.getClaimAsString("clearance")), roles(jwt));
    }

    public static Set<Role> roles(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess != null && realmAccess.get("roles") instanceof List<?> names) {
            for (Role role : Role.values()) {
                if (names.contains(role.roleName())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    private static Classification clearance(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Classification.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
