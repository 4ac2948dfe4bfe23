package eu.synergie.gateway.api;

import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The network behind the notices: entities and notices as a graph, within the caller's reading. */
@Tag(name = "Graph", description = "The network of people, phones, accounts and companies behind the notices")
@RestController
class GraphController {

    private final GraphReading reading;

    GraphController(GraphReading reading) {
        this.reading = reading;
    }

    @Operation(summary = "The network around an entity",
            description = "From an entity (`KIND:value`, normalised as the matcher does: `PHONE:+33612345678`, "
                    + "`IBAN:FR76…`, `PERSON:name|birth date`, `IMO:9074729`, `COMPANY:FR:…`), the notices the caller may "
                    + "read that name it, the entities they name, and so on for `depth` notice hops: entities and notices as "
                    + "nodes, \"appears in\" and ownership as edges. Across notices an entity is the same where its match keys "
                    + "agree, as for hits. What other agencies hold under the graph's keys appears only as a pointer node "
                    + "(holder agency and case reference), where a hit would tell it; a SILENT notice never. An entity whose "
                    + "notices were not all followed says `more`; a graph the node limit stopped says `truncated`. Audited "
                    + "as a search (purpose, the notices shown), each pointer as a disclosure to the caller's agency.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The graph")
    @ApiResponse(responseCode = "400", description = "No purpose, an entity that links nothing (an address, a person "
            + "without birth date) or fails its check, a depth outside 1 to 3 or a node limit outside 2 to 500")
    @GetMapping(path = "/api/v1/graph", produces = "application/json")
    GraphView graph(@AuthenticationPrincipal Jwt jwt,
                    @Parameter(description = "The start entity, KIND:value", required = true, example = "PHONE:+33612345678")
                    @RequestParam(name = "entity", required = false) String entity,
                    @Parameter(description = "How many notice hops to follow, 1 to 3") @RequestParam(name = "depth", defaultValue = "2") int depth,
                    @Parameter(description = "The most nodes to answer, 2 to 500") @RequestParam(name = "nodes", defaultValue = "150") int nodes,
                    @Parameter(description = "The case reference this consultation is for; required and audited",
                            required = true, example = "OCRGDF-2026-0412") @RequestParam(name = "purpose", required = false) String purpose) {
        return GraphView.of(reading.around(Callers.of(jwt), purpose, entity, depth, nodes));
    }
}
