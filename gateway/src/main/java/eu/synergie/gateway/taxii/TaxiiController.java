package eu.synergie.gateway.taxii;

import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.security.Callers;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The TAXII 2.1 endpoints: discovery, one API root ({@value #ROOT}/), its collections (one per region the caller may
 * read, read-only) and their objects, manifest, single objects and versions. Adapters only: media types are
 * negotiated here (406, 415), everything else is {@link TaxiiReading}'s.
 *
 * @see <a href="https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html">TAXII Version 2.1</a>
 */
@Tag(name = "TAXII 2.1", description = "Read-only TAXII 2.1 collections, one per region the caller may read, holding the "
        + "notices as STIX 2.1. Requests must accept `application/taxii+json;version=2.1` (406 otherwise); answers and "
        + "errors are `application/taxii+json;version=2.1`, errors as TAXII error messages. Reads of objects need a purpose "
        + "(header `X-Synergie-Purpose`, or a client's standing purpose, claim `purpose`) and are audited.")
@RestController
class TaxiiController {

    /** The one API root. */
    static final String ROOT = "/taxii2/synergie";
    /** Where a TAXII read states its purpose (TAXII has no parameter for it). */
    static final String PURPOSE_HEADER = "X-Synergie-Purpose";
    /** The token claim holding a machine client's standing purpose (e.g. its sharing agreement's reference). */
    static final String PURPOSE_CLAIM = "purpose";
    static final String FIRST_ADDED = "X-TAXII-Date-Added-First";
    static final String LAST_ADDED = "X-TAXII-Date-Added-Last";
    private static final MediaType TAXII = MediaType.parseMediaType(TaxiiMedia.TAXII);

    private final TaxiiReading reading;

    TaxiiController(TaxiiReading reading) {
        this.reading = reading;
    }

    @Operation(summary = "TAXII server discovery", description = "The server's title and its API root.")
    @SecurityRequirement(name = "keycloak", scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The discovery resource",
            content = @Content(mediaType = TaxiiMedia.TAXII, schema = @Schema(implementation = TaxiiResources.Discovery.class)))
    @GetMapping("/taxii2/")
    ResponseEntity<TaxiiResources.Discovery> discovery(HttpServletRequest request) {
        requireAcceptable(request);
        String root = ServletUriComponentsBuilder.fromCurrentContextPath().path(ROOT + "/").toUriString();
        return ok(new TaxiiResources.Discovery("Synergie", "The notices of the Synergie exchange as STIX 2.1, in read-only "
                + "collections, one per region the client may read.", root, List.of(root)));
    }

    @Operation(summary = "TAXII API root", description = "The API root's title, the TAXII versions it speaks and its body limit.")
    @SecurityRequirement(name = "keycloak", scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The API root resource",
            content = @Content(mediaType = TaxiiMedia.TAXII, schema = @Schema(implementation = TaxiiResources.ApiRoot.class)))
    @GetMapping(ROOT + "/")
    ResponseEntity<TaxiiResources.ApiRoot> apiRoot(HttpServletRequest request) {
        requireAcceptable(request);
        return ok(new TaxiiResources.ApiRoot("Synergie", "Read-only collections of notices, one per region.",
                List.of(TaxiiMedia.TAXII), 0));
    }

    @Operation(summary = "TAXII collections", description = "One read-only collection per region the caller may read "
            + "(its token's regions that this exchange serves); the id is derived from the region and never changes.")
    @SecurityRequirement(name = "keycloak", scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The collections resource",
            content = @Content(mediaType = TaxiiMedia.TAXII, schema = @Schema(implementation = TaxiiResources.Collections.class)))
    @GetMapping(ROOT + "/collections/")
    ResponseEntity<TaxiiResources.Collections> collections(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request) {
        requireAcceptable(request);
        return ok(new TaxiiResources.Collections(reading.collections(Callers.of(jwt)).stream()
                .map(TaxiiResources.Collection::of).toList()));
    }

    @Operation(summary = "TAXII collection", description = "One collection; one the caller may not read answers 404 "
            + "exactly like one that does not exist.")
    @SecurityRequirement(name = "keycloak", scopes = "analyst")
    @ApiResponse(responseCode = "200", description = "The collection resource",
            content = @Content(mediaType = TaxiiMedia.TAXII, schema = @Schema(implementation = TaxiiResources.Collection.class)))
    @ApiResponse(responseCode = "404", description = "No such collection for this client")
    @GetMapping(ROOT + "/collections/{id}/")
    ResponseEntity<TaxiiResources.Collection> collection(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request,
                                                         @Parameter(description = "The collection id") @PathVariable String id) {
        requireAcceptable(request);
        return ok(TaxiiResources.Collection.of(reading.collection(Callers.of(jwt), id)));
    }

    @Operation(summary = "TAXII objects", description = "A page of the collection's STIX objects, oldest first by date "
            + "added (when the exchange verified the notice version they come from), then notice id. Each notice gives its "
            + "report first, then the objects the report refers to; an object several notices share comes with each of "
            + "them, never twice in one page. Page on with `next` and the same filters while `more` is true.")
    @SecurityRequirement(name = "keycloak", scopes = "analyst")
    @Parameter(name = "added_after", in = ParameterIn.QUERY, description = "Only objects added after this timestamp",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "The most objects to return (the server caps it)",
            schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "next", in = ParameterIn.QUERY, description = "The `next` of the previous page",
            schema = @Schema(type = "string"))
    @Parameter(name = "match[id]", in = ParameterIn.QUERY, description = "STIX ids, comma-separated",
            schema = @Schema(type = "string"))
    @Parameter(name = "match[type]", in = ParameterIn.QUERY, description = "STIX types, comma-separated, e.g. `report`",
            schema = @Schema(type = "string"))
    @Parameter(name = "match[version]", in = ParameterIn.QUERY, description = "`last` (default), `first`, `all` or timestamps",
            schema = @Schema(type = "string"))
    @Parameter(name = "match[spec_version]", in = ParameterIn.QUERY, description = "STIX versions, e.g. `2.1`",
            schema = @Schema(type = "string"))
    @Parameter(name = PURPOSE_HEADER, in = ParameterIn.HEADER, description = "The case reference this read is for; "
            + "required unless the client's token carries a standing purpose", example = "PJ-MRS-2026-0412",
            schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = "An envelope of objects",
            headers = {@Header(name = FIRST_ADDED, description = "The date added of the first object returned"),
                    @Header(name = LAST_ADDED, description = "The date added of the last object returned")},
            content = @Content(mediaType = TaxiiMedia.TAXII, schema = @Schema(ref = TaxiiDocumentation.ENVELOPE_REF)))
    @ApiResponse(responseCode = "400", description = "No purpose, a parameter that does not parse, or a `next` of another read")
    @ApiResponse(responseCode = "404", description = "No such collection for this client")
    @GetMapping(ROOT + "/collections/{id}/objects/")
    ResponseEntity<TaxiiResources.Envelope> objects(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request,
                                                    @Parameter(description = "The collection id") @PathVariable String id) {
        requireAcceptable(request);
        ObjectWalk.Page page = reading.page(Callers.of(jwt), purpose(jwt, request), "objects", id, request.getParameterMap());
        return withDatesAdded(page.entries()).body(new TaxiiResources.Envelope(page.more(), nextOf(page),
                page.entries().stream().map(ObjectWalk.Entry::object).toList()));
    }

    @Operation(summary = "TAXII manifest", description = "The same page as `objects/`, as manifest records (id, date added, "
            + "version, media type).")
    @SecurityRequirement(name = "keycloak", scopes = "analyst")
    @Parameter(name = "added_after", in = ParameterIn.QUERY, description = "Only objects added after this timestamp",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "The most records to return (the server caps it)",
            schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "next", in = ParameterIn.QUERY, description = "The `next` of the previous page",
            schema = @Schema(type = "string"))
    @Parameter(name = "match[id]", in = ParameterIn.QUERY, description = "STIX ids, comma-separated",
            schema = @Schema(type = "string"))
    @Parameter(name = "match[type]", in = ParameterIn.QUERY, description = "STIX types, comma-separated",
            schema = @Schema(type = "string"))
    @Parameter(name = "match[version]", in = ParameterIn.QUERY, description = "`last` (default), `first`, `all` or timestamps",
            schema = @Schema(type = "string"))
    @Parameter(name = "match[spec_version]", in = ParameterIn.QUERY, description = "STIX versions, e.g. `2.1`",
            schema = @Schema(type = "string"))
    @Parameter(name = PURPOSE_HEADER, in = ParameterIn.HEADER, description = "The case reference this read is for; "
            + "required unless the client's token carries a standing purpose", example = "PJ-MRS-2026-0412",
            schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = "A manifest page",
            headers = {@Header(name = FIRST_ADDED, description = "The date added of the first record returned"),
                    @Header(name = LAST_ADDED, description = "The date added of the last record returned")},
            content = @Content(mediaType = TaxiiMedia.TAXII, schema = @Schema(implementation = TaxiiResources.Manifest.class)))
    @ApiResponse(responseCode = "400", description = "No purpose, a parameter that does not parse, or a `next` of another read")
    @ApiResponse(responseCode = "404", description = "No such collection for this client")
    @GetMapping(ROOT + "/collections/{id}/manifest/")
    ResponseEntity<TaxiiResources.Manifest> manifest(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request,
                                                     @Parameter(description = "The collection id") @PathVariable String id) {
        requireAcceptable(request);
        ObjectWalk.Page page = reading.page(Callers.of(jwt), purpose(jwt, request), "manifest", id, request.getParameterMap());
        return withDatesAdded(page.entries()).body(new TaxiiResources.Manifest(page.more(), nextOf(page), page.entries().stream()
                .map(e -> new TaxiiResources.ManifestRecord(e.id(), e.dateAdded(), e.version(), TaxiiMedia.STIX)).toList()));
    }

    @Operation(summary = "TAXII object", description = "One object of the collection. A report id gives the report of its "
            + "notice; an object several notices share is given as the most recently added of them has it. An object no "
            + "notice the caller may read holds answers 404 exactly like one that does not exist.")
    @SecurityRequirement(name = "keycloak", scopes = "analyst")
    @Parameter(name = "added_after", in = ParameterIn.QUERY, description = "Only if added after this timestamp",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "match[version]", in = ParameterIn.QUERY, description = "`last` (default), `first`, `all` or timestamps",
            schema = @Schema(type = "string"))
    @Parameter(name = "match[spec_version]", in = ParameterIn.QUERY, description = "STIX versions, e.g. `2.1`",
            schema = @Schema(type = "string"))
    @Parameter(name = PURPOSE_HEADER, in = ParameterIn.HEADER, description = "The case reference this read is for; "
            + "required unless the client's token carries a standing purpose", example = "PJ-MRS-2026-0412",
            schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = "An envelope with the object (none when the filters leave it out)",
            headers = {@Header(name = FIRST_ADDED, description = "The object's date added"),
                    @Header(name = LAST_ADDED, description = "The object's date added")},
            content = @Content(mediaType = TaxiiMedia.TAXII, schema = @Schema(ref = TaxiiDocumentation.ENVELOPE_REF)))
    @ApiResponse(responseCode = "400", description = "No purpose, or a parameter that does not parse")
    @ApiResponse(responseCode = "404", description = "No such collection or object for this client")
    @GetMapping(ROOT + "/collections/{id}/objects/{objectId}/")
    ResponseEntity<TaxiiResources.Envelope> object(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request,
                                                   @Parameter(description = "The collection id") @PathVariable String id,
                                                   @Parameter(description = "The STIX id") @PathVariable String objectId) {
        requireAcceptable(request);
        Optional<ObjectWalk.Entry> entry = reading.object(Callers.of(jwt), purpose(jwt, request), "object", id, objectId,
                request.getParameterMap());
        List<ObjectWalk.Entry> entries = entry.map(List::of).orElse(List.of());
        return withDatesAdded(entries).body(new TaxiiResources.Envelope(false, null,
                entries.stream().map(ObjectWalk.Entry::object).toList()));
    }

    @Operation(summary = "TAXII object versions", description = "The versions of one object the collection holds: the index "
            + "holds the latest version of each notice, so an object has one version here.")
    @SecurityRequirement(name = "keycloak", scopes = "analyst")
    @Parameter(name = "added_after", in = ParameterIn.QUERY, description = "Only versions added after this timestamp",
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "match[spec_version]", in = ParameterIn.QUERY, description = "STIX versions, e.g. `2.1`",
            schema = @Schema(type = "string"))
    @Parameter(name = PURPOSE_HEADER, in = ParameterIn.HEADER, description = "The case reference this read is for; "
            + "required unless the client's token carries a standing purpose", example = "PJ-MRS-2026-0412",
            schema = @Schema(type = "string"))
    @ApiResponse(responseCode = "200", description = "The versions resource",
            headers = {@Header(name = FIRST_ADDED, description = "The date added of the first version listed"),
                    @Header(name = LAST_ADDED, description = "The date added of the last version listed")},
            content = @Content(mediaType = TaxiiMedia.TAXII, schema = @Schema(implementation = TaxiiResources.Versions.class)))
    @ApiResponse(responseCode = "400", description = "No purpose, or a parameter that does not parse")
    @ApiResponse(responseCode = "404", description = "No such collection or object for this client")
    @GetMapping(ROOT + "/collections/{id}/objects/{objectId}/versions/")
    ResponseEntity<TaxiiResources.Versions> versions(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request,
                                                     @Parameter(description = "The collection id") @PathVariable String id,
                                                     @Parameter(description = "The STIX id") @PathVariable String objectId) {
        requireAcceptable(request);
        Optional<ObjectWalk.Entry> entry = reading.object(Callers.of(jwt), purpose(jwt, request), "versions", id, objectId,
                request.getParameterMap());
        List<ObjectWalk.Entry> entries = entry.map(List::of).orElse(List.of());
        return withDatesAdded(entries).body(new TaxiiResources.Versions(false, entries.stream().map(ObjectWalk.Entry::version).toList()));
    }

    /**
     * Adding objects: the collections are read-only ({@code can_write} false), which TAXII 2.1 answers 403 once the
     * request is otherwise acceptable (an unknown collection 404, a body of another type 415).
     */
    @Hidden
    @RequestMapping(ROOT + "/collections/{id}/objects/")
    ResponseEntity<Void> addObjects(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request, @PathVariable String id) {
        if (!"POST".equals(request.getMethod())) {
            throw notAllowed("GET, POST");
        }
        requireAcceptable(request);
        reading.collection(Callers.of(jwt), id);
        if (!TaxiiMedia.isTaxii(request.getContentType())) {
            throw new TaxiiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "UNSUPPORTED_MEDIA_TYPE",
                    "objects are sent as " + TaxiiMedia.TAXII);
        }
        throw readOnly();
    }

    /** Deleting an object: read-only, 403 (for an object of a collection the caller may read; 404 otherwise). */
    @Hidden
    @RequestMapping(ROOT + "/collections/{id}/objects/{objectId}/")
    ResponseEntity<Void> deleteObject(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request, @PathVariable String id,
                                      @PathVariable String objectId) {
        if (!"DELETE".equals(request.getMethod())) {
            throw notAllowed("GET, DELETE");
        }
        requireAcceptable(request);
        reading.collection(Callers.of(jwt), id);
        throw readOnly();
    }

    /** Any other method on a TAXII resource. */
    @Hidden
    @RequestMapping({"/taxii2/", ROOT + "/", ROOT + "/collections/", ROOT + "/collections/{id}/", ROOT + "/collections/{id}/manifest/",
            ROOT + "/collections/{id}/objects/{objectId}/versions/"})
    ResponseEntity<Void> otherMethod() {
        throw notAllowed("GET");
    }

    /** Anything else under {@code /taxii2/}: a TAXII 404, not the API's problem document. */
    @Hidden
    @RequestMapping("/taxii2/**")
    ResponseEntity<Void> unknown() {
        throw TaxiiException.notFound("this resource");
    }

    /** TAXII's media type or 406 (TAXII 2.1 §1.6.8), checked before anything else. */
    private static void requireAcceptable(HttpServletRequest request) {
        if (!TaxiiMedia.acceptable(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)))) {
            throw new TaxiiException(HttpStatus.NOT_ACCEPTABLE, "Not acceptable", "NOT_ACCEPTABLE",
                    "this server answers " + TaxiiMedia.TAXII + " only: send it in the Accept header");
        }
    }

    /** Our header first (the case at hand), else the standing purpose recorded on a machine client. */
    private static String purpose(Jwt jwt, HttpServletRequest request) {
        String header = request.getHeader(PURPOSE_HEADER);
        if (header != null && !header.isBlank()) {
            return header;
        }
        return jwt.hasClaim(PURPOSE_CLAIM) ? jwt.getClaimAsString(PURPOSE_CLAIM) : null;
    }

    private static TaxiiException readOnly() {
        return new TaxiiException(HttpStatus.FORBIDDEN, "Forbidden", "READ_ONLY",
                "the collections of this server are read-only (can_write is false)");
    }

    private static TaxiiException notAllowed(String allowed) {
        return new TaxiiException(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", "METHOD_NOT_ALLOWED",
                "this resource answers " + allowed).allowing(allowed);
    }

    private static String nextOf(ObjectWalk.Page page) {
        return page.more() ? page.next().encode() : null;
    }

    private static <T> ResponseEntity<T> ok(T body) {
        return ResponseEntity.ok().contentType(TAXII).body(body);
    }

    /** TAXII 2.1 §3.4: the dates added of the first and last objects returned, when some are. */
    private static ResponseEntity.BodyBuilder withDatesAdded(List<ObjectWalk.Entry> entries) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(TAXII);
        if (!entries.isEmpty()) {
            response.header(FIRST_ADDED, entries.getFirst().dateAdded()).header(LAST_ADDED, entries.getLast().dateAdded());
        }
        return response;
    }
}
