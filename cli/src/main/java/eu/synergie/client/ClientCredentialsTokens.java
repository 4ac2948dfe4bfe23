package eu.synergie.client;

import eu.synergie.oauth.Pause;
import eu.synergie.oauth.ClientCredentialsGrant;
import eu.synergie.oauth.TokenEndpointUnavailableException;
import eu.synergie.oauth.TokenRefusedException;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The feed client's access tokens, by the client-credentials grant (RFC 6749, section 4.4) with HTTP Basic
 * client authentication: {@link ClientCredentialsGrant} (shared with the gateway), with the token endpoint
 * tried again per this client's {@link RetryPolicy} and its failures as this client's exceptions. A token is
 * reused until shortly before it expires (a quarter of its lifetime, at most 30 seconds).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749, section 4.4</a>
 */
public final class ClientCredentialsTokens implements AccessTokens {

    private final ClientCredentialsGrant grant;

    public ClientCredentialsTokens(HttpClient http, URI tokenUrl, String clientId, Secret clientSecret, RetryPolicy retry,
                                   Duration requestTimeout) {
        this(http, tokenUrl, clientId, clientSecret, retry, requestTimeout, InstantSource.system(), Pause.THREAD);
    }

    ClientCredentialsTokens(HttpClient http, URI tokenUrl, String clientId, Secret clientSecret, RetryPolicy retry,
                            Duration requestTimeout, InstantSource clock, Pause sleeper) {
        RandomGenerator random = new SplittableRandom();
        this.grant = new ClientCredentialsGrant(http, tokenUrl, clientId, clientSecret.reveal(), requestTimeout,
                (failed, retryAfter) -> retry.allowsAnotherAfter(failed)
                        ? Optional.of(retry.backoff(failed, retryAfter, random)) : Optional.empty(),
                clock, sleeper);
    }

    @Override
    public String current() {
        try {
            return grant.token();
        } catch (TokenRefusedException e) {
            throw new AuthenticationException(e.getMessage());
        } catch (TokenEndpointUnavailableException e) {
            throw new ExchangeUnavailableException(e.getMessage(), e.getCause());
        }
    }

    @Override
    public void refused(String token) {
        grant.refused(token);
    }
}
