package eu.synergie.search;

import eu.synergie.core.ExchangeException;

/** Elasticsearch could not be reached or refused the request: retriable, never a reason to drop a notice. */
public final class SearchUnavailableException extends ExchangeException.Unavailable {

    public SearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String service() {
        return "search";
    }
}
