package eu.synergie.gateway.security;

import eu.synergie.core.policy.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Deny by default: each endpoint names its role; anything not listed is refused. Tokens are checked
 * for signature (the realm's JWKS), issuer, audience and expiry by the resource server.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.securityMatcher("/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/notices", "/api/v1/notices/batch").hasRole(Role.AGENCY_FEED.roleName())
                        .requestMatchers(HttpMethod.GET, "/api/v1/notices", "/api/v1/notices/**").hasRole(Role.ANALYST.roleName())
                        .requestMatchers(HttpMethod.GET, "/api/v1/trust/crl").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit", "/api/v1/audit/**").hasRole(Role.AUDITOR.roleName())
                        .requestMatchers("/api/v1/trust/**", "/api/v1/admin/**").hasRole(Role.TRUST_ADMIN.roleName())
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    private static Converter<Jwt, AbstractAuthenticationToken> realmRoles() {
        return jwt -> new JwtAuthenticationToken(jwt, Callers.roles(jwt).stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.roleName())).toList(),
                Callers.of(jwt).subject());
    }
}
