package eu.synergie.gateway.access;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPropertiesTest {

    private static AccessProperties of(String issuer) {
        return new AccessProperties(URI.create(issuer), "synergie-gateway", "secret", "synergie-api", Duration.ofSeconds(5));
    }

    @Test
    void adminApiAndTokenEndpointWhenRealmIssuerThenDerivedFromIt() {
        AccessProperties properties = of("https://login.example.eu/auth/realms/synergie/");

        assertThat(properties.adminApi()).isEqualTo(URI.create("https://login.example.eu/auth/admin/realms/synergie"));
        assertThat(properties.tokenEndpoint())
                .isEqualTo(URI.create("https://login.example.eu/auth/realms/synergie/protocol/openid-connect/token"));
    }

    @Test
    void constructorWhenIssuerIsNoRealmThenRefusedNamingTheKey() {
        assertThatThrownBy(() -> of("https://login.example.eu/synergie")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("synergie.access.issuer");
    }
}
