package eu.synergie.gateway.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import eu.synergie.core.matching.Watchlist;
import eu.synergie.core.matching.WatchlistLog;
import eu.synergie.core.matching.Watchlists;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import eu.synergie.gateway.security.Callers;
import org.springframework.http.HttpStatus;
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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** An analyst's own watchlists: create, list, delete. Nobody sees or deletes another analyst's. */
@Tag(name = "Watchlists", description = "An analyst's standing queries (role analyst)")
@RestController
@RequestMapping("/api/v1/watchlists")
class WatchlistController {

    private final Watchlists watchlists;
    private final WatchlistLog log;
    private final ConsultationAudit audit;
    private final Clock clock;

    WatchlistController(Watchlists watchlists, WatchlistLog log, ConsultationAudit audit, Clock clock) {
        this.watchlists = watchlists;
        this.log = log;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an analyst sends: a name, entity values and/or a text, optionally types and regions. */
    /** @param rises whether it also watches rises of its types in its regions (trends), null for no */
    record NewWatchlist(String name, List<Value> values, String text, List<String> types, List<String> regions,
                        Boolean rises) {

        record Value(String kind, String value) {
        }
    }

    record WatchlistView(String id, String name, List<NewWatchlist.Value> values, String text, Set<String> types,
                         Set<String> regions, String createdAt, boolean rises) {

        static WatchlistView of(Watchlist w) {
            return new WatchlistView(w.id(), w.name(), w.values().stream()
                    .map(v -> new NewWatchlist.Value(v.kind().name(), v.value())).toList(), w.text(),
                    w.types().stream().map(Enum::name).collect(Collectors.toSet()), w.regions(), w.createdAt().toString(),
                    w.rises());
        }
    }

    @Operation(summary = "Create a watchlist")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "201", description = "The watchlist")
    @ApiResponse(responseCode = "400", description = "No name, no values nor text nor rises watched, or an unknown kind or type")
    @PostMapping(consumes = "application/json", produces = "application/json")
    ResponseEntity<WatchlistView> create(@AuthenticationPrincipal Jwt jwt, @RequestBody NewWatchlist request) {
        Caller analyst = Callers.of(jwt);
        Watchlist watchlist;
        try {
            watchlist = Watchlist.create(analyst, request.name(), request.values() == null ? List.of() : request.values().stream()
                            .map(v -> Map.entry(String.valueOf(v.kind()), v.value() == null ? "" : v.value())).toList(),
                    request.text(), request.types() == null ? Set.of() : Set.copyOf(request.types()),
                    request.regions() == null ? Set.of() : Set.copyOf(request.regions()), clock.instant(),
                    Boolean.TRUE.equals(request.rises()));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
        log.put(watchlist);
        // Read your own write: the follower applies the same state again when it reads it back from the log.
        watchlists.apply(watchlist.id(), watchlist);
        audit.watchlistChanged(analyst, "watchlist-created " + watchlist.id());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/watchlists/" + watchlist.id()))
                .body(WatchlistView.of(watchlist));
    }

    @Operation(summary = "The caller's watchlists")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The caller's own watchlists")
    @GetMapping(produces = "application/json")
    List<WatchlistView> list(@AuthenticationPrincipal Jwt jwt) {
        return watchlists.ofOwner(Callers.of(jwt).subject()).stream().map(WatchlistView::of).toList();
    }

    @Operation(summary = "Delete one of the caller's watchlists")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No watchlist of the caller with this id")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        Caller analyst = Callers.of(jwt);
        watchlists.get(id).filter(w -> w.ownerSubject().equals(analyst.subject()))
                .orElseThrow(() -> new NoticeNotFoundException("no such watchlist"));
        log.delete(id);
        watchlists.apply(id, null);
        audit.watchlistChanged(analyst, "watchlist-deleted " + id);
        return ResponseEntity.noContent().build();
    }
}
