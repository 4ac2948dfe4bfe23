package eu.synergie.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;

import java.io.IOException;

/**
 * One way for the search module to call Elasticsearch: a transport failure or an error answer becomes a
 * {@link SearchUnavailableException}, which callers retry or answer with 503.
 */
final class ElasticsearchCalls {

    private ElasticsearchCalls() {
    }

    interface Call<T> {
        T run() throws IOException;
    }

    static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException | ElasticsearchException e) {
            throw new SearchUnavailableException("Elasticsearch did not answer: " + e.getMessage(), e);
        }
    }
}
