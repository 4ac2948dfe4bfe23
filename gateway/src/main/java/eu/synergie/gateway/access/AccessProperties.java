package eu.synergie.gateway.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern REALM = Pattern.compile("(.*)/realms/([^/]+)/*");

    public AccessProperties {
        if (issuer != null && !REALM.matcher(issuer.toString()).matches()) {
            throw new IllegalArgumentException("synergie.access.issuer must end with /realms/<realm>, not " + issuer);
        }
    }

    /** The realm's token endpoint, where the gateway gets its own token. */
    public URI tokenEndpoint() {
        return URI.create(realm().group(0).replaceAll("/+$", "") + "/protocol/openid-connect/token");
    }

    /** The base of the realm's admin API, {@code <server>/admin/realms/<realm>}. */
    public URI adminApi() {
        Matcher realm = realm();
        return URI.create(realm.group(1) + "/admin/realms/" + realm.group(2));
    }

    private Matcher realm() {
        Matcher realm = REALM.matcher(issuer.toString());
        if (!realm.matches()) {
            throw new IllegalStateException("synergie.access.issuer is not a realm's issuer");
        }
        return realm;
    }
}
