package eu.synergie.gateway.access;

import eu.synergie.core.trust.TrustRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/** Wires access administration on Keycloak, and Keycloak's health (the {@code keycloak} indicator). */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    KeycloakDirectory keycloakDirectory(AccessProperties properties) {
        return new KeycloakDirectory(new KeycloakAdmin(properties), properties.audience());
    }

    @Bean
    AccessAdministration accessAdministration(TrustRegistry registry, KeycloakDirectory directory) {
        return new AccessAdministration(registry, directory);
    }

    /**
     * Up while the realm answers: without it no token can be had, so the gateway is not ready to serve.
     * It checks reachability only, not the gateway's own admin credentials, which only trust administration needs.
     */
    @Bean
    HealthIndicator keycloakHealthIndicator(KeycloakDirectory directory) {
        return () -> {
            Optional<String> down = directory.unreachableReason();
            return down.map(reason -> Health.down().withDetail("reason", reason).build()).orElseGet(() -> Health.up().build());
        };
    }
}
