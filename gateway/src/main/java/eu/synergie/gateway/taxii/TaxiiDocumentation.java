package eu.synergie.gateway.taxii;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.Set;

/**
 * The TAXII endpoints' part of the OpenAPI description: the errors every one of them may answer (401, 403, 406, 429,
 * 500, 503), all as TAXII error messages in TAXII's media type rather than the API's problem documents.
 */
@Configuration(proxyBeanMethods = false)
class TaxiiDocumentation {

    private static final String ERROR = "TaxiiError";
    private static final String ENVELOPE = "TaxiiEnvelope";
    /** Where operations refer to the envelope's schema, declared here: the model reader cannot read STIX objects' type. */
    static final String ENVELOPE_REF = "#/components/schemas/" + ENVELOPE;

    @Bean
    OpenApiCustomizer taxiiResponses() {
        return api -> {
            Map<String, Schema> schemas = ModelConverters.getInstance().read(TaxiiResources.Error.class);
            schemas.forEach((name, schema) -> api.getComponents().addSchemas(name, schema));
            api.getComponents().addSchemas(ENVELOPE, envelope());
            api.getPaths().forEach((path, item) -> {
                if (path.startsWith("/taxii2/")) {
                    item.readOperations().forEach(TaxiiDocumentation::addErrors);
                }
            });
        };
    }

    /** TAXII 2.1 §3.7: {@code more}, {@code next} while there is more, and the objects (omitted when none). */
    private static Schema<Object> envelope() {
        Schema<Object> envelope = new Schema<>();
        envelope.types(Set.of("object"));
        envelope.description("TAXII 2.1 envelope (§3.7): a page of STIX objects");
        envelope.addProperty("more", new Schema<>().types(Set.of("boolean")).description("Whether more objects follow"));
        envelope.addProperty("next", new Schema<>().types(Set.of("string"))
                .description("Where the next page starts (present while more is true): send it back with the same filters"));
        envelope.addProperty("objects", new Schema<>().types(Set.of("array")).items(new Schema<>().types(Set.of("object"))
                .description("A STIX 2.1 object")));
        envelope.setRequired(new java.util.ArrayList<>(java.util.List.of("more")));
        return envelope;
    }

    private static void addErrors(Operation operation) {
        ApiResponses responses = operation.getResponses();
        responses.putIfAbsent("401", new ApiResponse().description("No token, or a token that is malformed, expired, not "
                + "signed by the realm, or not meant for this API"));
        responses.putIfAbsent("403", new ApiResponse().description("The token lacks the role analyst"));
        responses.putIfAbsent("406", new ApiResponse().description("The request does not accept " + TaxiiMedia.TAXII));
        responses.putIfAbsent("429", new ApiResponse().description("The caller's rate limit for searching is used up")
                .addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                        .schema(new Schema<>().types(Set.of("integer")))));
        responses.putIfAbsent("500", new ApiResponse().description("An unexpected error; nothing about it is disclosed"));
        responses.putIfAbsent("503", new ApiResponse().description("Search or the audit log is unavailable; retry later"));
        String note = "Requires the role `analyst`.";
        if (operation.getDescription() == null || !operation.getDescription().contains(note)) {
            operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
        }
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType(TaxiiMedia.TAXII,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR))));
            }
        });
    }
}
