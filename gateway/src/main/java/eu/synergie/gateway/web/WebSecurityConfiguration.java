package eu.synergie.gateway.web;

import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.gateway.security.Callers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The web UI's own filter chain, before the API's: a session after a Keycloak login (authorization code
 * with PKCE, the web client being public), CSRF tokens on every form, logout ending the Keycloak session
 * too. Deny by default, each area names its role. Roles and attributes come from the access token, checked
 * by the same decoder as API tokens (issuer, audience, signature), so a page sees the caller the API would.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    /**
     * The whistle-blowing form (issue 18): anyone, no account, no session and no CSRF token (there is no authenticated
     * state to abuse, and a session cookie would be one more thing that could tie two visits together); the strictest
     * CSP (our own script and style only, nothing from a third party), no referrer, nothing cached.
     */
    @Bean
    @Order(0)
    SecurityFilterChain whistleblowingChain(HttpSecurity http) throws Exception {
        // The stylesheet too: the UI chain's anonymous authentication would read the address of whoever loads it.
        http.securityMatcher("/whistleblowing", "/whistleblowing/**", "/js/**", "/css/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                // Spring's anonymous user records the client's address in its details: none is made here.
                .anonymous(anonymous -> anonymous.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; script-src 'self'; "
                                + "style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain web(HttpSecurity http, ClientRegistrationRepository registrations, JwtDecoder decoder,
                            eu.synergie.gateway.wiring.RequestProperties requests) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        http.securityMatcher("/", "/ui/**", "/login/**", "/oauth2/**", "/logout", "/webjars/**", "/css/**", "/favicon.ico")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/webjars/**", "/css/**", "/favicon.ico").permitAll()
                        .requestMatchers("/ui/search/**", "/ui/notices/**", "/ui/watchlists/**", "/ui/alerts/**", "/ui/graph/**",
                                "/ui/trends/**", "/ui/requests", "/ui/requests/**")
                        .hasRole(Role.ANALYST.roleName())
                        .requestMatchers("/ui/trust/**").hasRole(Role.TRUST_ADMIN.roleName())
                        .requestMatchers("/ui/audit/**").hasRole(Role.AUDITOR.roleName())
                        .requestMatchers("/ui/approvals", "/ui/approvals/**").hasRole(Role.RELEASE_APPROVER.roleName())
                        .requestMatchers("/ui/reports", "/ui/reports/**").hasRole(Role.PARTNER_REPORTER.roleName())
                        .requestMatchers("/ui/report-inbox", "/ui/report-inbox/**").hasRole(Role.ANALYST.roleName())
                        .requestMatchers("/").authenticated()
                        .anyRequest().denyAll())
                .oauth2Login(login -> login.userInfoEndpoint(user -> user.oidcUserService(withAccessTokenRoles(decoder))))
                .logout(out -> out.logoutSuccessHandler(logout))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        // The agencies' desks: the request pages seal and open messages there.
                                        + "connect-src 'self'" + requests.deskOrigins().stream().map(o -> " " + o)
                                        .collect(java.util.stream.Collectors.joining()) + "; frame-ancestors 'none'; form-action 'self' "
                                        + issuerOrigin(registrations)))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(f -> f.deny()));
        return http.build();
    }

    /** The login form posts to Keycloak, and logout redirects there: both must be allowed by the CSP. */
    private static String issuerOrigin(ClientRegistrationRepository registrations) {
        if (registrations.findByRegistrationId("keycloak") == null) {
            return "";
        }
        java.net.URI issuer = java.net.URI.create(registrations.findByRegistrationId("keycloak").getProviderDetails().getIssuerUri());
        return issuer.getScheme() + "://" + issuer.getAuthority();
    }

    private static OAuth2UserService<OidcUserRequest, OidcUser> withAccessTokenRoles(JwtDecoder decoder) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Jwt access = decoder.decode(request.getAccessToken().getTokenValue());
            Caller caller = Callers.of(access);
            return new WebUser(caller.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.roleName())).toList(),
                    user.getIdToken(), user.getUserInfo(), caller);
        };
    }
}
