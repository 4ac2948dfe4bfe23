package eu.synergie.gateway.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The realm's signing keys, for access tokens (the API, TAXII) and ID tokens (the web login) alike: Nimbus's own
 * JWKS source, found through the realm's discovery document on first use, not at start, so that the gateway can start
 * while Keycloak is still starting (as the quick start does).
 * <p>
 * What Spring Security builds by itself fell short twice on a busy machine: its 500 ms timeouts turned a slow
 * Keycloak into 500s, and a key set that could not be fetched again when its 5 minutes ran out failed the request
 * that found it expired. Here: 5 s to connect, 10 s to read; the set is refreshed in the background before it
 * expires; a failed fetch is retried once; and during an outage the last set fetched keeps being used for at most
 * {@link #OUTAGE_TOLERANCE}, after which a key withdrawn at the realm meanwhile would no longer be trusted anyway.
 * A token signed by a key the set does not know makes the set be fetched again at once (at most every 30 s).
 * When no key set can be had (none was ever fetched, or the outage outlasted its tolerance, or a fetch outlasted the
 * refresh timeout), verification fails with a {@link KeySourceException}: the API answers it {@code 503}
 * ({@link ProblemResponses#bearerFailures()}), never {@code 401}, since the token may well be good. A discovery that
 * failed is not tried again for {@link #DISCOVERY_RETRY}: requests fail fast meanwhile instead of queueing behind
 * the timeouts. A token naming a key the realm does not have, once the set was fetched again (or the refetch is
 * rate-limited), is a bad token: {@code 401}.
 */
final class RealmKeys implements JWKSource<SecurityContext>, Closeable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);
    static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);
    private static final int SIZE_LIMIT = 512 * 1024;

    private final String issuer;
    private final Duration timeToLive;
    private final Duration outageTolerance;
    private final ResourceRetriever retriever = new DefaultResourceRetriever(
            (int) CONNECT_TIMEOUT.toMillis(), (int) READ_TIMEOUT.toMillis(), SIZE_LIMIT);
    private volatile JWKSource<SecurityContext> keys;
    private volatile boolean closed;
    private long discoveryFailedAt;
    private KeySourceException discoveryFailure;

    RealmKeys(String issuer) {
        this(issuer, TIME_TO_LIVE, OUTAGE_TOLERANCE);
    }

    /** Shorter durations are for tests only. */
    RealmKeys(String issuer, Duration timeToLive, Duration outageTolerance) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("the realm's issuer URI is required (spring.security.oauth2.resourceserver.jwt.issuer-uri)");
        }
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.timeToLive = timeToLive;
        this.outageTolerance = outageTolerance;
    }

    String issuer() {
        return issuer;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return source().get(selector, context);
        } catch (RateLimitReachedException e) {
            // A key id the set does not know, asked again within the rate limit: still unknown, so no key (401).
            return List.of();
        }
    }

    private JWKSource<SecurityContext> source() throws KeySourceException {
        if (closed) {
            throw new KeySourceException("the realm's keys are closed: the gateway is stopping");
        }
        JWKSource<SecurityContext> known = keys;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (keys == null) {
                if (discoveryFailure != null && System.nanoTime() - discoveryFailedAt < DISCOVERY_RETRY.toNanos()) {
                    throw new KeySourceException(discoveryFailure.getMessage() + " (not tried again for "
                            + DISCOVERY_RETRY.toSeconds() + " s)", discoveryFailure);
                }
                URL jwks;
                try {
                    jwks = jwksUri();
                } catch (KeySourceException e) {
                    discoveryFailure = e;
                    discoveryFailedAt = System.nanoTime();
                    throw e;
                }
                // Nimbus's refresh timeout is how long a request waits for a fetch under way: shorter than a fetch
                // that retries (2 × (5 + 10) s), so a request may get 503 while the fetch goes on and succeeds later.
                keys = JWKSourceBuilder.<SecurityContext>create(jwks, retriever)
                        // Nimbus requires refresh-ahead time + refresh timeout <= time to live, and rate limit < time to live.
                        .cache(timeToLive.toMillis(), Math.min(READ_TIMEOUT.toMillis() + CONNECT_TIMEOUT.toMillis(), timeToLive.toMillis() / 4))
                        .refreshAheadCache(Math.min(30_000, timeToLive.toMillis() / 4), true)
                        .retrying(true)
                        .rateLimited(Math.min(30_000, timeToLive.toMillis() / 2))
                        .outageTolerant(outageTolerance.toMillis())
                        .build();
            }
            return keys;
        }
    }

    /** The {@code jwks_uri} of the realm's discovery document, which must name the issuer we were given (OIDC Discovery §4.3). */
    private URL jwksUri() throws KeySourceException {
        String discovery = issuer + "/.well-known/openid-configuration";
        Map<String, Object> metadata;
        try {
            metadata = JSONObjectUtils.parse(retriever.retrieveResource(URI.create(discovery).toURL()).getContent());
        } catch (IOException | ParseException | IllegalArgumentException e) {
            throw new KeySourceException("the realm's discovery document could not be read from " + discovery + ": " + e.getMessage(), e);
        }
        Object named = metadata.get("issuer");
        if (!issuer.equals(named)) {
            throw new KeySourceException("the discovery document at " + discovery + " names the issuer " + named
                    + ", not " + issuer + " (set Keycloak's --hostname, or the gateway's issuer URI, to the one tokens carry)");
        }
        Object jwks = metadata.get("jwks_uri");
        try {
            return URI.create(String.valueOf(jwks)).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new KeySourceException("the discovery document at " + discovery + " has no usable jwks_uri: " + jwks, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (keys instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
