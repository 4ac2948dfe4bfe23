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

/** Early warning from trends: aggregate counts over what the caller may read, and the rises among them. */
@Tag(name = "Trends", description = "Counts per region, type and period, rises against a baseline, values several agencies name")
@RestController
class TrendController {

    private final TrendReading reading;

    TrendController(TrendReading reading) {
        this.reading = reading;
    }

    @Operation(summary = "Trends of the notices the caller may read",
            description = "Per region and type, the notices the caller may read counted per ISO week or calendar month "
                    + "(UTC, by date issued): the history periods, the last complete period, judged, and the current one, "
                    + "shown but never judged. The judged period is a rise when its count reaches the threshold: the "
                    + "smallest count with a probability of at most α under a Poisson baseline (the mean of the history), "
                    + "negative binomial when the history is over-dispersed, and at least the minimum count; the expected "
                    + "value, threshold, dispersion and α are given with each series so that an analyst can see why it "
                    + "fired. `emerging`: values (never a person's name or identity document) named in notices of at least 3 agencies within 30 days. "
                    + "Aggregates only: nothing here rates or predicts anything about a person. Audited as a search.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The trends")
    @ApiResponse(responseCode = "400", description = "No purpose, or a period other than week or month")
    @GetMapping(path = "/api/v1/trends", produces = "application/json")
    TrendView trends(@AuthenticationPrincipal Jwt jwt,
                     @Parameter(description = "`week` (the default) or `month`") @RequestParam(name = "period", required = false) String period,
                     @Parameter(description = "The case reference or duty this consultation is for; required and audited",
                             required = true, example = "VEILLE-2026-49") @RequestParam(name = "purpose", required = false) String purpose) {
        return TrendView.of(reading.report(Callers.of(jwt), purpose, period));
    }
}
