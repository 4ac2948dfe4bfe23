package eu.synergie.gateway.api;

import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/** The tracing view: what a person or company owns, through companies and across the notices the caller may read. */
@Tag(name = "Assets", description = "Tracing the assets of a person or company across notices")
@RestController
@RequestMapping("/api/v1/notices")
class AssetController {

    private final AssetReading reading;

    AssetController(AssetReading reading) {
        this.reading = reading;
    }

    @Operation(summary = "Trace the assets of a person or company",
            description = "Every asset the entity owns, directly or through companies (ownership relations, followed "
                    + "across notices by company numbers, LEIs, and persons by name and birth date), read only from the "
                    + "notices the caller may read; totals by jurisdiction, type and status in the asked currency, at the "
                    + "operator's reference rates of `rateDate`. Other agencies' notices the caller may not read appear only "
                    + "as pointers (holder and case reference), as hits do. Audited as a search.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The assets, totals, pointers and the limits met")
    @ApiResponse(responseCode = "400", description = "No purpose, a depth outside 1 to 6, an unknown currency or date, or a "
            + "ref that names no person, organisation or company of the notice")
    @ApiResponse(responseCode = "404", description = "No notice with this id is available to the caller")
    @GetMapping(path = "/{id}/entities/{ref}/assets", produces = "application/json")
    AssetTraceView trace(@AuthenticationPrincipal Jwt jwt,
                         @Parameter(description = "The notice naming the person or company (UUID)") @PathVariable String id,
                         @Parameter(description = "The entity's ref in that notice") @PathVariable String ref,
                         @Parameter(description = "The case reference this consultation is for; required and audited",
                                 required = true, example = "OCRGDF-2026-0412") @RequestParam(name = "purpose", required = false) String purpose,
                         @Parameter(description = "How many ownership links to follow, 1 to 6") @RequestParam(name = "depth", defaultValue = "4") int depth,
                         @Parameter(description = "ISO 4217 currency of the totals; the exchange's default when absent", example = "EUR")
                         @RequestParam(name = "currency", required = false) String currency,
                         @Parameter(description = "Date of the reference rates (ISO 8601); the latest rates held when absent",
                                 example = "2026-12-04") @RequestParam(name = "rateDate", required = false) String rateDate) {
        return AssetTraceView.of(reading.trace(Callers.of(jwt), purpose, id, ref, depth, currency, rateDate));
    }

    @Operation(summary = "Export the assets of a person or company as a table",
            description = "The same trace as `GET .../assets`, as a file for the asset recovery office's case file: `csv` "
                    + "(UTF-8 with a byte order mark, RFC 4180; one row per asset, then the totals, the pointers and what "
                    + "the table is) or `xlsx` (sheets Assets, Totals, Pointers and About: subject, currency, rate date, "
                    + "depth, when, by whom and for what). Audited as a search, and as a disclosure of the notices read to "
                    + "the caller's agency.")
    @SecurityRequirement(name = ApiDocumentation.SCHEME, scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The table, as an attachment",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "400", description = "No purpose, a format other than csv or xlsx, a depth outside 1 to 6, "
            + "an unknown currency or date, or a ref that names no person, organisation or company of the notice")
    @ApiResponse(responseCode = "404", description = "No notice with this id is available to the caller")
    @GetMapping(path = "/{id}/entities/{ref}/assets/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal Jwt jwt,
                                  @Parameter(description = "The notice naming the person or company (UUID)") @PathVariable String id,
                                  @Parameter(description = "The entity's ref in that notice") @PathVariable String ref,
                                  @Parameter(description = "`csv` or `xlsx`", required = true, example = "xlsx")
                                  @RequestParam(name = "format", required = false) String format,
                                  @Parameter(description = "The case reference this consultation is for; required and audited",
                                          required = true, example = "OCRGDF-2026-0412") @RequestParam(name = "purpose", required = false) String purpose,
                                  @Parameter(description = "How many ownership links to follow, 1 to 6") @RequestParam(name = "depth", defaultValue = "4") int depth,
                                  @Parameter(description = "ISO 4217 currency of the totals; the exchange's default when absent", example = "EUR")
                                  @RequestParam(name = "currency", required = false) String currency,
                                  @Parameter(description = "Date of the reference rates (ISO 8601); the latest rates held when absent",
                                          example = "2026-12-04") @RequestParam(name = "rateDate", required = false) String rateDate) {
        return attachment(reading.export(Callers.of(jwt), purpose, id, ref, depth, currency, rateDate, format));
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static ResponseEntity<byte[]> attachment(AssetReading.Export export) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.filename()).build().toString())
                .contentType(MediaType.parseMediaType(export.mediaType())).body(export.bytes());
    }
}
