package eu.synergie.core.trust;

/**
 * Why a certificate was revoked, with its RFC 5280 CRLReason code.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5280#section-5.3.1">RFC 5280, 5.3.1</a>
 */
public enum RevocationReason {
    UNSPECIFIED(0), KEY_COMPROMISE(1), AFFILIATION_CHANGED(3), SUPERSEDED(4), CESSATION_OF_OPERATION(5);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
