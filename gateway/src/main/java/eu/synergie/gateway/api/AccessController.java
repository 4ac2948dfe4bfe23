package eu.synergie.gateway.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.gateway.access.AccessAdministration;
import eu.synergie.gateway.access.AccessException;
import eu.synergie.gateway.access.AccountCount;
import eu.synergie.gateway.access.NewUser;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.security.Callers;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Administration of access in Keycloak (role {@code trust-admin}): user accounts, feed client secrets, and
 * re-aligning an agency's accounts with the trust registry. Onboarding and suspension go through
 * {@code /api/v1/trust/agencies}, which calls the same service. Every change is audited; secrets and
 * passwords appear once, in the response, and never in the audit.
 */
@Tag(name = "Access", description = "Users and feed clients in Keycloak (role trust-admin)")
@RestController
@RequestMapping("/api/v1/access")
class AccessController {

    private final AccessAdministration access;
    private final ConsultationAudit audit;

    AccessController(AccessAdministration access, ConsultationAudit audit) {
        this.access = access;
        this.audit = audit;
    }

    /**
     * @param roles             realm role names: {@code analyst}, {@code auditor}, {@code trust-admin}
     * @param temporaryPassword true (the default): the user must choose a new password at the first interactive login
     */
    record UserRequest(String username, String email, String firstName, String lastName, String agency,
                       List<String> regions, String clearance, List<String> roles, Boolean temporaryPassword) {
    }

    record UserResponse(String id, String username, String agency, List<String> regions, String clearance,
                        List<String> roles, String initialPassword, boolean temporaryPassword) {
    }

    record FeedSecretResponse(String clientId, String clientSecret) {
    }

    record SyncResponse(String agency, int clients, int users) {
    }

    @Operation(summary = "Create a user of an agency (Keycloak)")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "201", description = "The user, with its initial password shown once")
    @ApiResponse(responseCode = "404", description = "No agency with this code")
    @ApiResponse(responseCode = "409", description = "The username is taken")
    @ApiResponse(responseCode = "422", description = "Regions or roles the agency may not give")
    @PostMapping("/users")
    ResponseEntity<UserResponse> createUser(@AuthenticationPrincipal Jwt jwt, @RequestBody UserRequest request) {
        Caller admin = Callers.of(jwt);
        NewUser user = new NewUser(request.username(), request.email(), request.firstName(), request.lastName(),
                request.agency(), request.regions() == null ? Set.of() : Set.copyOf(request.regions()),
                clearance(request.clearance()), roles(request.roles()));
        AccessAdministration.CreatedUser created = access.createUser(user,
                request.temporaryPassword() == null || request.temporaryPassword());
        audit.accessChanged(admin, "user-created" + " " + user.username() + " " + user.agency() + " " + user.regions() + " "
                + user.clearance() + " " + user.roles().stream().map(Role::roleName).sorted().toList());
        return ResponseEntity.created(URI.create("/api/v1/access/users/" + created.id())).body(new UserResponse(created.id(),
                created.username(), user.agency(), List.copyOf(user.regions()), user.clearance().name(),
                user.roles().stream().map(Role::roleName).sorted().toList(), created.initialPassword(),
                created.temporaryPassword()));
    }

    /** A new secret for the agency's feed client (created if it is missing); the old secret stops working. */
    @Operation(summary = "Give an agency's feed client a new secret")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The feed client and its new secret, shown once")
    @ApiResponse(responseCode = "404", description = "No agency with this code")
    @PostMapping("/feeds/{agency}/secret")
    FeedSecretResponse newFeedSecret(@AuthenticationPrincipal Jwt jwt, @PathVariable String agency) {
        Caller admin = Callers.of(jwt);
        AccessAdministration.FeedClient client = access.newFeedSecret(agency);
        audit.accessChanged(admin, "feed-secret-reset" + " " + client.clientId());
        return new FeedSecretResponse(client.clientId(), client.secret());
    }

    /** Re-applies the registry's view of the agency (suspended or not, its regions) to its Keycloak accounts. */
    @Operation(summary = "Re-apply the registry to the agency's Keycloak accounts")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "How many accounts were changed")
    @ApiResponse(responseCode = "404", description = "No agency with this code")
    @PostMapping("/agencies/{agency}/sync")
    SyncResponse synchronize(@AuthenticationPrincipal Jwt jwt, @PathVariable String agency) {
        Caller admin = Callers.of(jwt);
        AccountCount changed = access.synchronize(agency);
        audit.accessChanged(admin, "agency-access-synchronized" + " " + agency + " clients=" + changed.clients()
                + " users=" + changed.users());
        return new SyncResponse(agency, changed.clients(), changed.users());
    }

    private static Classification clearance(String value) {
        try {
            return value == null ? null : Classification.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null; // NewUser names the allowed values
        }
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            roles.add(Arrays.stream(Role.values()).filter(r -> r.roleName().equals(name)).findFirst()
                    .orElseThrow(() -> new AccessException(AccessException.Kind.INVALID, "unknown role " + name
                            + "; roles are " + Arrays.stream(Role.values()).map(Role::roleName).toList())));
        }
        return roles;
    }
}
