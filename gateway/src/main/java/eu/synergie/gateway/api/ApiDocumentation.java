package eu.synergie.gateway.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The OpenAPI 3.1 description of the API (served at {@code /v3/api-docs}, with Swagger UI at
 * {@code /swagger-ui.html}). Each operation names the realm roles it needs as the role list of its
 * {@value #SCHEME} security requirement (OpenAPI 3.1, "Security Requirement Object": for schemes other than
 * OAuth2 the list holds role names); an operation without one is public. The error responses every
 * operation shares (401, 403, 413, 429, 500) are added here, and every error response is an RFC 9457
 * problem document. The description is checked against {@code gateway/src/main/openapi/synergie-api.json}
 * by {@code ApiContractIT}.
 *
 * @see <a href="https://spec.openapis.org/oas/v3.1.0#security-requirement-object">OpenAPI 3.1, security requirement</a>
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    /** The name of the bearer-token security scheme that operations refer to. */
    static final String SCHEME = "keycloak";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenAPI synergieApi() {
        return new OpenAPI()
                .info(new Info().title("Synergie exchange API").version("v1").description("""
                        Sealed case notices published by member agencies, searched by analysts of the regions \
                        they are cleared for, and the exchange's trust administration. Every request but the \
                        CRL carries an access token of the `synergie` Keycloak realm (`Authorization: Bearer …`) \
                        whose audience includes `synergie-api`; each operation lists the realm roles it needs. \
                        Searching and opening notices requires a `purpose` (the case reference), which is \
                        audited. Publishing and searching are rate-limited per token subject (429 with \
                        `Retry-After`); request bodies are size-limited (413). Errors are RFC 9457 problem \
                        details (`application/problem+json`), except on the TAXII 2.1 server (`/taxii2/`), \
                        whose answers and errors are `application/taxii+json;version=2.1`."""))
                .components(new Components()
                        .addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("An access token of the Keycloak realm `synergie` "
                                        + "(issuer checked, audience `synergie-api`, RS256).")));
    }

    /** Runs after springdoc has built the schemas from the controllers (which would drop one declared in the bean). */
    @Bean
    OpenApiCustomizer sharedResponses() {
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    addSharedResponses(path, method, operation)));
        };
    }

    private static void addSharedResponses(String path, PathItem.HttpMethod method, Operation operation) {
        if (path.startsWith("/taxii2/")) {
            return; // TAXII's own errors, documented by the TAXII server (taxii.TaxiiDocumentation)
        }
        ApiResponses responses = operation.getResponses();
        Set<String> roles = roles(operation.getSecurity());
        if (!roles.isEmpty()) {
            responses.putIfAbsent("401", new ApiResponse().description("No token, or a token that is malformed, "
                    + "expired, not signed by the realm, or not meant for this API"));
            responses.putIfAbsent("403", new ApiResponse().description("The token lacks the role " + String.join(" or ", roles)));
            String note = "Requires the role " + String.join(" or ", roles.stream().map(r -> "`" + r + "`").toList()) + ".";
            String description = operation.getDescription();
            if (description == null || !description.contains(note)) {
                operation.setDescription(description == null ? note : description + "\n\n" + note);
            }
        }
        if (path.equals("/api/v1/notices") || path.startsWith("/api/v1/notices/")) {
            responses.putIfAbsent("429", new ApiResponse().description("The caller's rate limit for "
                            + (method == PathItem.HttpMethod.POST ? "publishing" : "searching") + " is used up")
                    .addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                            .schema(new Schema<>().types(Set.of("integer")))));
        }
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("413", new ApiResponse().description("The request body is over its size limit"));
        }
        responses.putIfAbsent("500", new ApiResponse().description("An unexpected error; nothing about it is disclosed"));
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }

    private static Set<String> roles(List<SecurityRequirement> security) {
        Set<String> roles = new TreeSet<>();
        if (security != null) {
            for (SecurityRequirement requirement : security) {
                List<String> scheme = requirement.get(SCHEME);
                if (scheme != null) {
                    roles.addAll(scheme);
                }
            }
        }
        return roles;
    }

    /** RFC 9457, section 3. Extension members (such as {@code reason} or {@code limit}) may follow. */
    private static Schema<Object> problemSchema() {
        Map<String, Schema> properties = Map.of(
                "type", string("A URI that identifies the problem type").format("uri-reference"),
                "title", string("A short summary of the problem type"),
                "status", new Schema<>().types(Set.of("integer")).description("The HTTP status code"),
                "detail", string("What went wrong with this request; names the failed check, never secrets or internals"),
                "instance", string("The request path").format("uri-reference"));
        Schema<Object> problem = new Schema<>();
        problem.types(Set.of("object"));
        problem.description("Problem details (RFC 9457)");
        problem.setProperties(new TreeMap<>(properties));
        problem.setRequired(new ArrayList<>(List.of("status", "title")));
        return problem;
    }

    private static Schema<Object> string(String description) {
        Schema<Object> schema = new Schema<>();
        schema.types(Set.of("string"));
        schema.description(description);
        return schema;
    }
}
