package eu.synergie.gateway.taxii;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The resources of TAXII 2.1 as the server answers them (§4 and §5 of the specification), property names as the
 * specification spells them. Optional members that have no value are left out, as TAXII asks.
 */
final class TaxiiResources {

    private TaxiiResources() {
    }

    @Schema(name = "TaxiiDiscovery", description = "TAXII 2.1 discovery resource (§4.1.1)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Discovery(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title, String description,
                     @JsonProperty("default") @Schema(description = "The default API root") String defaultRoot,
                     @JsonProperty("api_roots") List<String> apiRoots) {
    }

    @Schema(name = "TaxiiApiRoot", description = "TAXII 2.1 API root resource (§4.2.1)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ApiRoot(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title, String description,
                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> versions,
                   @JsonProperty("max_content_length") @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                           description = "The largest body the server takes: 0, the collections are read-only") long maxContentLength) {
    }

    @Schema(name = "TaxiiCollections", description = "TAXII 2.1 collections resource (§5.1.1); without members when "
            + "the client may read no collection")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Collections(List<Collection> collections) {
    }

    @Schema(name = "TaxiiCollection", description = "TAXII 2.1 collection resource (§5.2.1): the notices of one region")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Collection(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uuid") String id,
                      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title, String description, String alias,
                      @JsonProperty("can_read") boolean canRead, @JsonProperty("can_write") boolean canWrite,
                      @JsonProperty("media_types") List<String> mediaTypes) {

        static Collection of(TaxiiCollection collection) {
            return new Collection(collection.id().toString(), "Notices of " + collection.region(),
                    "The notices of region " + collection.region() + " this client may read, as STIX 2.1 (one report per "
                            + "notice, with the objects it refers to)", collection.region().toLowerCase(java.util.Locale.ROOT),
                    true, false, List.of(TaxiiMedia.STIX));
        }
    }

    /** TAXII 2.1 envelope (§3.7): a page of STIX objects. Its schema is declared by {@link TaxiiDocumentation}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Envelope(@JsonInclude(JsonInclude.Include.ALWAYS) boolean more, String next, List<ObjectNode> objects) {
    }

    @Schema(name = "TaxiiManifest", description = "TAXII 2.1 manifest resource (§5.3.1)")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Manifest(@JsonInclude(JsonInclude.Include.ALWAYS) boolean more, String next, List<ManifestRecord> objects) {
    }

    @Schema(name = "TaxiiManifestRecord", description = "TAXII 2.1 manifest record (§5.3.2)")
    record ManifestRecord(String id, @JsonProperty("date_added") String dateAdded, String version,
                          @JsonProperty("media_type") String mediaType) {
    }

    @Schema(name = "TaxiiVersions", description = "TAXII 2.1 versions resource (§5.8.1)")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Versions(@JsonInclude(JsonInclude.Include.ALWAYS) boolean more, List<String> versions) {
    }

    @Schema(name = "TaxiiError", description = "TAXII 2.1 error message (§3.6.1)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title, String description,
                 @JsonProperty("error_id") @Schema(description = "Set for an unexpected fault: the id it was logged under") String errorId,
                 @JsonProperty("error_code") @Schema(description = "The stable code of the failed check, e.g. PURPOSE_REQUIRED") String errorCode,
                 @JsonProperty("http_status") String httpStatus) {
    }
}
