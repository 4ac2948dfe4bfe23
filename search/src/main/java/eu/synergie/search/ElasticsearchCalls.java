package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
        } catch (ElasticsearchException e) {
            throw new SearchUnavailableException("Elasticsearch refused the call: " + refusal(e.error()), e);
        } catch (IOException e) {
            throw new SearchUnavailableException("Elasticsearch did not answer: " + e.getMessage(), e);
        }
    }

    /**
     * Sends a bulk request; one refused item fails the whole (the caller retries it all: every operation is
     * keyed, so a retry is harmless), naming the first refusal.
     */
    static void bulk(ElasticsearchClient client, BulkRequest request, String what) {
        bulk(client, request, what, null);
    }

    /**
     * Sends a bulk request and returns the ids that operations of type {@code conflicting} found taken (409); any
     * other refusal fails the whole, naming the first.
     */
    static List<String> bulk(ElasticsearchClient client, BulkRequest request, String what, OperationType conflicting) {
        BulkResponse response = call(() -> client.bulk(request));
        List<String> conflicts = new ArrayList<>();
        if (!response.errors()) {
            return conflicts;
        }
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                continue;
            }
            if (conflicting != null && item.status() == 409 && item.operationType() == conflicting) {
                conflicts.add(item.id());
            } else {
                throw new SearchUnavailableException("Elasticsearch refused part of " + what + ": " + refusal(item.error())
                        + " (" + item.index() + "/" + item.id() + ")", null);
            }
        }
        return conflicts;
    }

    /**
     * What Elasticsearch refused, by kind only: its reason can quote the value it could not take (a mapping error
     * shows a preview of the field), which would put notice or audit content in the logs.
     */
    static String refusal(ErrorCause error) {
        return error.type();
    }
}
