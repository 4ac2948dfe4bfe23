package eu.synergie.cli.desk;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may use the desk: an analyst of its agency, as the exchange's identity provider says in a token the desk verifies
 * itself (signature by the realm's keys, fetched from its JWKS and cached; issuer; expiry), never on the browser's word.
 */
final class AnalystTokens {

    /** Why a token is not taken; the message never holds the token. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String agency;

    /** @param issuer the realm's issuer, as its tokens name it ({@code https://…/realms/synergie}) */
    AnalystTokens(String issuer, String agency) {
        this.agency = Objects.requireNonNull(agency, "agency");
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(issuer + "/protocol/openid-connect/certs").toURL()).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the issuer is not a URL: " + issuer, e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256,
                JWSAlgorithm.PS256), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("exp", "sub")));
    }

    /**
     * The analyst's user name, if {@code authorization} is {@code Bearer <token>} of an analyst of this desk's agency.
     *
     * @throws Refused naming what is missing or wrong
     */
    String analyst(String authorization) throws Refused {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new Refused("a bearer token is required");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(authorization.substring(7).strip(), null);
        } catch (Exception e) {
            throw new Refused("the token is not valid: " + e.getClass().getSimpleName());
        }
        Object access = claims.getClaim("realm_access");
        Object roles = access instanceof Map<?, ?> map ? map.get("roles") : null;
        if (!(roles instanceof List<?> list) || !list.contains("analyst")) {
            throw new Refused("the token is not an analyst's");
        }
        if (!agency.equals(claims.getClaim("agency"))) {
            throw new Refused("the token is not of an analyst of " + agency);
        }
        Object name = claims.getClaim("preferred_username");
        return name instanceof String s ? s : claims.getSubject();
    }
}
