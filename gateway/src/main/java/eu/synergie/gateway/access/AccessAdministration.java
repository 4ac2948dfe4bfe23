package eu.synergie.gateway.access;

import eu.synergie.core.trust.AgencyRecord;
import eu.synergie.core.trust.AgencyStatus;
import eu.synergie.core.trust.TrustRegistry;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the identity provider in line with the trust registry: an onboarded agency gets its feed client,
 * a suspended agency's clients and users are disabled (and re-enabled on reinstatement), a change of
 * regions reaches the feed client's {@code regions} claim; and trust administrators create user accounts
 * whose agency, regions and clearance the registry allows. Secrets and initial passwords are generated
 * here, handed to the caller once, and never stored by the exchange.
 *
 * <p>The registry is the authority and changes first; when the identity provider then fails, the change
 * is reported as such and {@link #synchronize} brings the accounts back in line.
 */
public final class AccessAdministration {

    private final TrustRegistry registry;
    private final IdentityDirectory directory;
    private final SecureRandom random = new SecureRandom();

    AccessAdministration(TrustRegistry registry, IdentityDirectory directory) {
        this.registry = registry;
        this.directory = directory;
    }

    /** A feed client; {@code secret} is set only when it was just made or reset (the one time it is shown). */
    public record FeedClient(String clientId, String secret) {
    }

    /** A user account just created, with its initial password (shown once). */
    public record CreatedUser(String id, String username, String initialPassword, boolean temporaryPassword) {
    }

    /**
     * The feed client of a newly registered agency: created with a fresh secret, or, when the identity
     * provider already had one (e.g. provisioned beforehand), left with its secret and given the agency's regions.
     */
    public FeedClient onboarded(AgencyRecord agency) {
        String clientId = IdentityDirectory.feedClientId(agency.code());
        String secret = secret(32);
        if (directory.createFeedClient(agency.code(), agency.regions(), secret)) {
            return new FeedClient(clientId, secret);
        }
        directory.alignRegions(agency.code(), agency.regions());
        return new FeedClient(clientId, null);
    }

    /** A new secret for the agency's feed client (the old one stops working); creates the client if missing. */
    public FeedClient newFeedSecret(String code) {
        AgencyRecord agency = active(code);
        String secret = secret(32);
        if (!directory.resetFeedSecret(code, secret) && !directory.createFeedClient(code, agency.regions(), secret)) {
            throw new AccessException(AccessException.Kind.CONFLICT, "feed client of " + code + " changed concurrently; retry");
        }
        return new FeedClient(IdentityDirectory.feedClientId(code), secret);
    }

    /** After a region was granted or withdrawn: the agency's clients carry its regions from their next token. */
    public void regionsChanged(AgencyRecord agency) {
        directory.alignRegions(agency.code(), agency.regions());
    }

    public AccountCount suspended(String code) {
        return directory.disableAgency(code);
    }

    public AccountCount reinstated(String code) {
        return directory.enableAgency(code);
    }

    /** Brings the agency's accounts in line with the registry, after an identity-provider failure. */
    public AccountCount synchronize(String code) {
        AgencyRecord agency = registry.agency(code)
                .orElseThrow(() -> new AccessException(AccessException.Kind.NOT_FOUND, "agency " + code + " is not registered"));
        if (agency.status() == AgencyStatus.SUSPENDED) {
            return directory.disableAgency(code);
        }
        AccountCount enabled = directory.enableAgency(code);
        directory.alignRegions(code, agency.regions());
        return enabled;
    }

    /**
     * Creates a user of a registered, active agency, cleared for regions the agency is a member of. With
     * {@code temporaryPassword} Keycloak makes the user choose a new password at the first interactive login.
     */
    public CreatedUser createUser(NewUser user, boolean temporaryPassword) {
        AgencyRecord agency = active(user.agency());
        Set<String> outside = new TreeSet<>(user.regions());
        outside.removeAll(agency.regions());
        if (!outside.isEmpty()) {
            throw new AccessException(AccessException.Kind.INVALID,
                    "regions " + outside + " are not regions of agency " + agency.code());
        }
        String password = secret(18);
        String id = directory.createUser(user, password, temporaryPassword);
        return new CreatedUser(id, user.username(), password, temporaryPassword);
    }

    private AgencyRecord active(String code) {
        AgencyRecord agency = registry.agency(code)
                .orElseThrow(() -> new AccessException(AccessException.Kind.INVALID, "agency " + code + " is not registered"));
        if (agency.status() != AgencyStatus.ACTIVE) {
            throw new AccessException(AccessException.Kind.CONFLICT, "agency " + code + " is suspended");
        }
        return agency;
    }

    private String secret(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
