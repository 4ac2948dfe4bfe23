package eu.synergie.gateway.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * How the gateway reaches Keycloak's admin API, {@code synergie.access.*}, checked at start-up.
 *
 * @param issuer       the realm's issuer, e.g. {@code http://localhost:8180/realms/synergie}; the admin API and
 *                     the token endpoint are derived from it
 * @param clientId     the gateway's confidential client, whose service account holds only the realm-management
 *                     roles {@code manage-clients}, {@code manage-users} and {@code view-realm}
 * @param clientSecret that client's secret, from the environment ({@code SYNERGIE_KEYCLOAK_CLIENT_SECRET}), never the repository
 * @param audience     the API's audience put into the tokens of the feed clients the gateway creates
 * @param timeout      connect and read timeout of each admin call
 */
@Validated
@ConfigurationProperties("synergie.access")
public record AccessProperties(@NotNull URI issuer, @NotBlank String clientId, @NotBlank String clientSecret,
                               @NotBlank String audience, @NotNull Duration timeout) {
}
