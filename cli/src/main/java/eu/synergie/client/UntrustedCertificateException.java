package eu.synergie.client;

/**
 * A certificate the client will not use: a region's recipient certificate that does not chain to the
 * exchange CA that certified the agency, or one that is expired, or not for a region; or a certificate or key the
 * hybrid profile needs that was not given.
 */
public final class UntrustedCertificateException extends SynergieClientException {

    public UntrustedCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
