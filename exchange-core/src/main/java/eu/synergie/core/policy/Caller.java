package eu.synergie.core.policy;

import eu.synergie.core.notice.Classification;

import java.util.Objects;
import java.util.Set;

/**
 * Whoever calls the exchange, as their verified token describes them.
 *
 * @param subject   the token's subject (a user or a feed client)
 * @param agency    the agency the caller acts for, e.g. {@code FR-DGPN}
 * @param regions   the regions the caller is cleared for
 * @param clearance the highest classification the caller may read
 */
public record Caller(String subject, String agency, Set<String> regions, Classification clearance, Set<Role> roles) {

    public Caller {
        Objects.requireNonNull(subject, "subject");
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
