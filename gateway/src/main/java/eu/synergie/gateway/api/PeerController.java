package eu.synergie.gateway.api;

import eu.synergie.crypto.pki.Fingerprints;
import eu.synergie.core.federation.FederationBackfill;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.trust.PeerRecord;
import eu.synergie.core.trust.PeerTerms;
import eu.synergie.core.trust.TrustException;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.federation.FederationIdentity;
import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Peering with other exchanges (role {@code trust-admin}): what this exchange is, for a peer's administrator to
 * register it, and the peers it registered. Nothing flows until both sides registered each other; removing a peer
 * stops the flow both ways at once. Every change is audited.
 */
@Tag(name = "Federation", description = "Peer exchanges: this exchange's federation identity, registering and removing peers (role trust-admin)")
@RestController
@RequestMapping("/api/v1/trust")
class PeerController {

    private final TrustService trust;
    private final ConsultationAudit audit;
    private final FederationIdentity identity;

    private final FederationBackfill backfill;

    PeerController(TrustService trust, ConsultationAudit audit, FederationIdentity identity, FederationBackfill backfill) {
        this.trust = trust;
        this.audit = audit;
        this.identity = identity;
        this.backfill = backfill;
    }

    record BackfillResponse(String peer, long read, long sent) {
    }

    /**
     * What a peer's administrator registers: the name, the root (whose fingerprint the two operators compare by another
     * channel) and the federation certificate with its chain.
     */
    record FederationResponse(String name, String rootPem, String rootSha256, String federationPem) {
    }

    /**
     * @param rootSha256 the fingerprint of {@code rootPem} as the peer's operator read it out: registration fails unless equal
     * @param sends      this exchange's regions whose notices the peer may receive
     * @param receives   the peer's regions accepted here, each with the region of this exchange it maps to
     */
    record PeerRequest(String name, String rootPem, String rootSha256, String federationPem, List<String> sends,
                       Map<String, String> receives) {
    }

    record PeerResponse(String name, String status, Instant since, String rootSha256, List<String> sends,
                        Map<String, String> receives) {

        static PeerResponse of(PeerRecord peer) {
            return new PeerResponse(peer.name(), peer.status().name(), peer.since(),
                    Fingerprints.sha256(Pem.readCertificates(peer.rootPem()).getFirst()), List.copyOf(peer.sends()),
                    new TreeMap<>(peer.receives()));
        }
    }

    @Operation(summary = "This exchange's federation identity",
            description = "Its name, root certificate with SHA-256 fingerprint, and federation certificate chain: what a peer's administrator registers.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The identity")
    @GetMapping(path = "/federation", produces = "application/json")
    FederationResponse federation() {
        return new FederationResponse(identity.name(), Pem.certificates(List.of(identity.root())),
                Fingerprints.sha256(identity.root()), Pem.certificates(identity.federationChain()));
    }

    @Operation(summary = "List peer exchanges", description = "Every peer registered, active or removed.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The peers")
    @GetMapping(path = "/peers", produces = "application/json")
    List<PeerResponse> peers() {
        return trust.registry().peers().stream().map(PeerResponse::of).toList();
    }

    @Operation(summary = "Register a peer exchange",
            description = "Pins its root (the fingerprint must match) and federation certificate; says which regions of ours it receives and how its regions map to ours. Registering again replaces the terms.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "400", description = "The body is not a readable peer")
    @ApiResponse(responseCode = "422", description = "Invalid name, fingerprint mismatch, a certificate that does not chain to the root, or a region not served")
    @PostMapping(path = "/peers", consumes = "application/json", produces = "application/json")
    ResponseEntity<PeerResponse> register(@AuthenticationPrincipal Jwt jwt, @RequestBody PeerRequest request) {
        Caller admin = Callers.of(jwt);
        if (identity.name().equals(request.name())) {
            throw new TrustException(TrustException.Kind.INVALID, "an exchange cannot be its own peer");
        }
        PeerRecord peer = trust.registerPeer(new PeerTerms(request.name(), request.rootPem(), request.rootSha256(),
                request.federationPem(), request.sends() == null ? Set.of() : Set.copyOf(request.sends()),
                request.receives() == null ? Map.of() : Map.copyOf(request.receives())), admin.subject());
        audit.trustChanged(admin, "peer-registered", peer.name() + " sends=" + peer.sends() + " receives="
                + new TreeMap<>(peer.receives()));
        return ResponseEntity.created(URI.create("/api/v1/trust/peers/" + peer.name())).body(PeerResponse.of(peer));
    }

    @Operation(summary = "Send a peer what was published before the peering",
            description = "Reads the log of each region the peer receives from its beginning and sends what its originators marked for the peer, as new notices are sent (every transfer audited). Run once both sides registered each other.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "Envelopes read and notices sent")
    @ApiResponse(responseCode = "404", description = "No active peer with this name")
    @PostMapping(path = "/peers/{name}/backfill", produces = "application/json")
    BackfillResponse backfill(@AuthenticationPrincipal Jwt jwt, @PathVariable String name) {
        Caller admin = Callers.of(jwt);
        FederationBackfill.Outcome outcome = backfill.send(name);
        audit.trustChanged(admin, "peer-backfilled", name + " read=" + outcome.read() + " sent=" + outcome.sent());
        return new BackfillResponse(outcome.peer(), outcome.read(), outcome.sent());
    }

    @Operation(summary = "Remove a peer exchange", description = "Nothing flows to it or from it from now on.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The peer as it is now")
    @ApiResponse(responseCode = "404", description = "No active peer with this name")
    @DeleteMapping(path = "/peers/{name}", produces = "application/json")
    PeerResponse remove(@AuthenticationPrincipal Jwt jwt, @PathVariable String name) {
        Caller admin = Callers.of(jwt);
        PeerRecord peer = trust.removePeer(name, admin.subject());
        audit.trustChanged(admin, "peer-removed", peer.name());
        return PeerResponse.of(peer);
    }
}
