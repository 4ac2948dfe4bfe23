package eu.synergie.search;

/** Elasticsearch could not be reached or refused the request: retriable, never a reason to drop a notice. */
public final class SearchUnavailableException extends RuntimeException {

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
