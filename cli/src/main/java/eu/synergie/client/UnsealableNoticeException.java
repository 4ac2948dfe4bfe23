package eu.synergie.client;

/**
 * A notice this agency cannot seal: it is not valid against the notice schema, names another
 * originator, or is for a region whose recipient certificate was not given. The message names the field
 * or the check.
 */
public final class UnsealableNoticeException extends SynergieClientException {

    public UnsealableNoticeException(String message) {
        super(message, null);
    }
}
