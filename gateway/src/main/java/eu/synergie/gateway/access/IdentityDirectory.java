package eu.synergie.gateway.access;

import java.util.Optional;
import java.util.Set;

/**
 * The port to the identity provider (Keycloak in production, a fake in unit tests): everything the
 * exchange needs from it, in the exchange's words. An agency's clients are those whose tokens carry its
 * code as the {@code agency} claim; its users, those whose {@code agency} attribute is its code.
 * Failures are {@link AccessException}s.
 */
interface IdentityDirectory {

    /** The client id of an agency's feed client, e.g. {@code feed-fr-dgpn}. */
    static String feedClientId(String agency) {
        return "feed-" + agency.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Creates the agency's feed client (client credentials, role {@code agency-feed}, claims {@code agency}
     * and {@code regions}) with {@code secret}; answers false, changing nothing, if it already exists.
     */
    boolean createFeedClient(String agency, Set<String> regions, String secret);

    /** Gives the agency's existing feed client a new secret; false if there is no such client. */
    boolean resetFeedSecret(String agency, String secret);

    /** Puts {@code regions} into the {@code regions} claim of every client of the agency. */
    void alignRegions(String agency, Set<String> regions);

    /** Creates an enabled user with a password and realm roles; answers its id. */
    String createUser(NewUser user, String password, boolean temporaryPassword);

    /**
     * Disables the agency's enabled clients and users (ending the users' sessions) and marks them as
     * disabled by the suspension, so that reinstatement re-enables those and no others.
     */
    AccountCount disableAgency(String agency);

    /** Re-enables what {@link #disableAgency} disabled; accounts disabled for another reason stay disabled. */
    AccountCount enableAgency(String agency);

    /** Whether the directory answers at all (health), within the configured timeout. */
    Optional<String> unreachableReason();
}
