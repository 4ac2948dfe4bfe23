package eu.synergie.gateway.api;

import eu.synergie.core.ingestion.IndexRebuild;
import eu.synergie.core.ingestion.RebuildProgress;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.security.Callers;
import eu.synergie.gateway.wiring.SynergieProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilding a region's index from the log (role {@code trust-admin}): runs in the background, one per
 * region at a time; its progress is readable while it runs and after.
 */
@Tag(name = "Administration")
@RestController
class RebuildController {

    private final IndexRebuild rebuild;
    private final SynergieProperties properties;
    private final ConsultationAudit audit;
    private final Map<String, RebuildProgress> progress = new ConcurrentHashMap<>();

    RebuildController(IndexRebuild rebuild, SynergieProperties properties, ConsultationAudit audit) {
        this.rebuild = rebuild;
        this.properties = properties;
        this.audit = audit;
    }

    @Operation(summary = "Rebuild a region's index from the log",
            description = "Runs in the background; the notice log is the system of record.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "202", description = "Started")
    @ApiResponse(responseCode = "400", description = "The region is not served by this exchange")
    @ApiResponse(responseCode = "409", description = "A rebuild of this region is already running (its progress in `progress`)")
    @PostMapping(path = "/api/v1/admin/rebuild/{region}", produces = "application/json")
    ResponseEntity<RebuildProgress> start(@AuthenticationPrincipal Jwt jwt, @PathVariable String region) {
        if (!properties.regions().contains(region)) {
            throw new InvalidQueryException("region " + region + " is not served by this exchange");
        }
        RebuildProgress starting = new RebuildProgress(region, RebuildProgress.State.RUNNING, 0, 0, 0, null,
                java.time.Instant.now(), null, null);
        RebuildProgress previous = progress.putIfAbsent(region, starting);
        if (previous != null && previous.state() == RebuildProgress.State.RUNNING) {
            throw new RebuildRunningException(previous);
        }
        progress.put(region, starting);
        audit.trustChanged(Callers.of(jwt), "index-rebuild", region);
        Thread.ofVirtual().name("synergie-rebuild-" + region).start(() -> rebuild.rebuild(region, p -> progress.put(region, p)));
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/rebuild")).body(starting);
    }

    @Operation(summary = "Progress of index rebuilds", description = "One entry per region rebuilt since the gateway started.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The rebuilds")
    @GetMapping(path = "/api/v1/admin/rebuild", produces = "application/json")
    Collection<RebuildProgress> progress() {
        return progress.values();
    }
}
