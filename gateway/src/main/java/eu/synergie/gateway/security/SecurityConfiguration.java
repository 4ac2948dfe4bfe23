package eu.synergie.gateway.security;

import eu.synergie.core.policy.Role;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deny by default: each endpoint names its role; anything not listed is refused. Tokens are checked
 * for signature (the realm's JWKS, RS256 only, so {@code alg=none} never passes), issuer, audience and
 * expiry ({@link TokenChecks}). CORS is closed: the API is not meant to be called from pages of other
 * origins, so no {@code Access-Control-Allow-*} header is ever sent.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The API answers JSON only: nothing may load, run or frame anything from it. */
    private static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** Swagger UI needs its own scripts and styles (and inline styles, which it sets on elements). */
    private static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** About one per user active within a token's lifetime; memory is a few KiB per token. */
    private static final int VERIFIED_TOKENS = 10_000;
    private static final String[] DOCS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    /** The API description and Swagger UI: public and read-only, so that a client can be written before it has a token. */
    @Bean
    @Order(1)
    SecurityFilterChain docs(HttpSecurity http) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.securityMatcher(DOCS)
                .csrf(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> hardened(h, DOCS_CSP))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, DOCS).permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    /**
     * The TAXII server: the same tokens and checks as the API, the analyst role for everything (each read is then scoped
     * to what the caller may search), and refusals in TAXII's own error format.
     */
    @Bean
    @Order(1)
    SecurityFilterChain taxii(HttpSecurity http) throws Exception {
        TaxiiErrorResponses errors = new TaxiiErrorResponses();
        http.securityMatcher("/taxii2/**")
                .csrf(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> hardened(h, API_CSP))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Role.ANALYST.roleName()))
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors)
                        .withObjectPostProcessor(failures(errors.bearerFailures())))
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.securityMatcher("/**")
                .csrf(csrf -> csrf.disable())
                .cors(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> hardened(h, API_CSP))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/notices", "/api/v1/notices/batch").hasRole(Role.AGENCY_FEED.roleName())
                        .requestMatchers(HttpMethod.POST, "/api/v1/notices/*/protected/*/reveal").hasRole(Role.ANALYST.roleName())
                        .requestMatchers(HttpMethod.GET, "/api/v1/reveals/*/answer").hasRole(Role.ANALYST.roleName())
                        .requestMatchers(HttpMethod.POST, "/api/v1/reveals/*/answer")
                        .hasAnyRole(Role.AGENCY_FEED.roleName(), Role.RELEASE_APPROVER.roleName())
                        .requestMatchers(HttpMethod.GET, "/api/v1/reveals/*")
                        .hasAnyRole(Role.ANALYST.roleName(), Role.AGENCY_FEED.roleName(), Role.RELEASE_APPROVER.roleName())
                        .requestMatchers(HttpMethod.GET, "/api/v1/notices", "/api/v1/notices/**").hasRole(Role.ANALYST.roleName())
                        .requestMatchers("/api/v1/alerts", "/api/v1/alerts/**", "/api/v1/watchlists", "/api/v1/watchlists/**",
                                "/api/v1/graph", "/api/v1/trends", "/api/v1/requests", "/api/v1/requests/**")
                        .hasRole(Role.ANALYST.roleName())
                        .requestMatchers(HttpMethod.GET, "/api/v1/trust/crl", "/api/v1/trust/crl/ml-dsa").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit", "/api/v1/audit/**").hasRole(Role.AUDITOR.roleName())
                        .requestMatchers(HttpMethod.GET, "/api/v1/approvals", "/api/v1/approvals/*", "/api/v1/approvals/*/notice")
                        .hasRole(Role.RELEASE_APPROVER.roleName())
                        .requestMatchers(HttpMethod.GET, "/api/v1/releases").hasRole(Role.AGENCY_FEED.roleName())
                        .requestMatchers("/api/v1/reports", "/api/v1/reports/*").hasRole(Role.PARTNER_REPORTER.roleName())
                        .requestMatchers("/api/v1/report-inbox", "/api/v1/report-inbox/**").hasRole(Role.ANALYST.roleName())
                        .requestMatchers(HttpMethod.POST, "/api/v1/approvals/*/approval", "/api/v1/approvals/*/rejection")
                        .hasRole(Role.RELEASE_APPROVER.roleName())
                        .requestMatchers(HttpMethod.GET, "/api/v1/trust/regions")
                        .hasAnyRole(Role.TRUST_ADMIN.roleName(), Role.AGENCY_FEED.roleName())
                        .requestMatchers("/api/v1/trust/**", "/api/v1/admin/**").hasRole(Role.TRUST_ADMIN.roleName())
                        .requestMatchers(HttpMethod.POST, "/api/v1/access/users", "/api/v1/access/feeds/*/secret",
                                "/api/v1/access/agencies/*/sync").hasRole(Role.TRUST_ADMIN.roleName())
                        // Probes answer anyone with a status only; details need the monitoring role (application.yml).
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole(Role.MONITORING.roleName())
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(failures(problems.bearerFailures())))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    /** The realm's signing keys, shared by the API's decoder and the web login's ID-token decoder. */
    @Bean
    RealmKeys realmKeys(OAuth2ResourceServerProperties properties) {
        return new RealmKeys(properties.getJwt().getIssuerUri());
    }

    /**
     * Verified tokens are remembered ({@link VerifiedTokens}); the keys are the realm's ({@link RealmKeys}: fetched on
     * first use, refreshed ahead, kept through an outage).
     */
    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties, RealmKeys keys) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        var checks = TokenChecks.of(jwt.getIssuerUri(), jwt.getAudiences(), Clock.systemUTC());
        List<SignatureAlgorithm> algorithms = jwt.getJwsAlgorithms().stream().map(SignatureAlgorithm::from).toList();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithms(set -> {
                    set.clear();
                    set.addAll(algorithms);
                }).build();
        decoder.setJwtValidator(checks);
        return new VerifiedTokens(decoder, checks, VERIFIED_TOKENS);
    }

    /**
     * The web login's ID tokens, checked against the same realm keys as access tokens (Spring Security's own factory
     * would fetch them again, with its 500 ms timeouts and no outage tolerance); the checks are its own (issuer,
     * audience = the client, authorized party, expiry, {@code typ}, as Spring's own factory; the nonce by the login flow).
     * The login's provider must be this realm.
     */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoders(RealmKeys keys) {
        Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
        return registration -> decoders.computeIfAbsent(registration.getRegistrationId(), id -> {
            String provider = registration.getProviderDetails().getIssuerUri();
            if (provider == null || !keys.issuer().equals(provider.replaceAll("/$", ""))) {
                throw new IllegalStateException("the web login's provider " + provider + " is not the API's realm " + keys.issuer());
            }
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new OidcIdTokenValidator(registration)));
            decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            return decoder;
        });
    }

    /** The bearer-token filter answers a token it could not check (no key set) with 503, not the 500 of a rethrow. */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> failures(AuthenticationFailureHandler handler) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler(handler);
                return filter;
            }
        };
    }

    /**
     * Response headers for every answer. HSTS is sent on HTTPS requests only (as RFC 6797 requires); behind a
     * TLS-terminating proxy set {@code server.forward-headers-strategy} so that requests are seen as secure.
     * Cache-Control {@code no-store} is Spring Security's default and stays: answers carry intelligence.
     */
    private static void hardened(HeadersConfigurer<HttpSecurity> headers, String csp) {
        headers.contentTypeOptions(Customizer.withDefaults())
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(365L * 24 * 3600))
                .contentSecurityPolicy(c -> c.policyDirectives(csp))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .cacheControl(Customizer.withDefaults());
    }

    private static Converter<Jwt, AbstractAuthenticationToken> realmRoles() {
        return jwt -> new JwtAuthenticationToken(jwt, Callers.roles(jwt).stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.roleName())).toList(),
                Callers.of(jwt).subject());
    }
}
