package eu.synergie.gateway.api;

/** No notice with this id is available to the caller: missing, withdrawn, expired or not theirs to read alike. */
public final class NoticeNotFoundException extends RuntimeException {

    NoticeNotFoundException(String detail) {
        super(detail == null ? "no notice with this id is available to you" : detail);
    }
}
