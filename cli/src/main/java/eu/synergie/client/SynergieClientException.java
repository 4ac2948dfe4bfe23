package eu.synergie.client;

/**
 * What stops the client from going on. Messages name the failed check, never a secret, a token or
 * notice content.
 */
public abstract sealed class SynergieClientException extends RuntimeException
        permits AuthenticationException, BatchUnsupportedException, ExchangeUnavailableException, UnsealableNoticeException,
        UntrustedCertificateException {

    SynergieClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
