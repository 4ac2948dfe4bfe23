package eu.synergie.gateway.api;

import eu.synergie.core.ingestion.DeadLetterReader;
import eu.synergie.core.ingestion.DeadLetterReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rejected envelopes, for administrators (role {@code trust-admin}): counts by reason and the latest ones. */
@Tag(name = "Administration", description = "Operating the exchange (role trust-admin)")
@RestController
class DeadLetterController {

    private final DeadLetterReader reader;

    DeadLetterController(DeadLetterReader reader) {
        this.reader = reader;
    }

    @Operation(summary = "Rejected envelopes", description = "Counts by rejection reason and the latest rejections.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "trust-admin")
    @ApiResponse(responseCode = "200", description = "The dead-letter report")
    @ApiResponse(responseCode = "400", description = "`recent` out of range")
    @GetMapping(path = "/api/v1/admin/deadletters", produces = "application/json")
    DeadLetterReport deadLetters(@Parameter(description = "How many of the latest rejections to list (0–1000)")
                                 @RequestParam(name = "recent", defaultValue = "50") int recent) {
        if (recent < 0 || recent > 1000) {
            throw new InvalidQueryException("recent must be between 0 and 1000");
        }
        return reader.read(recent);
    }
}
