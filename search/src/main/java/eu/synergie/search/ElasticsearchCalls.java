package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;

import java.io.IOException;
import java.util.Objects;

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

    /**
     * Sends a bulk request; one refused item fails the whole (the caller retries it all: every operation is
     * keyed, so a retry is harmless), naming the first refusal.
     */
    static void bulk(ElasticsearchClient client, BulkRequest request, String what) {
        var response = call(() -> client.bulk(request));
        if (response.errors()) {
            String first = response.items().stream().map(BulkResponseItem::error).filter(Objects::nonNull)
                    .map(e -> e.type() + ": " + e.reason()).findFirst().orElse("unknown");
            throw new SearchUnavailableException("Elasticsearch refused part of " + what + ": " + first, null);
        }
    }
}
