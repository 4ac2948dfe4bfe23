package eu.synergie.gateway;

import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.SharedStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** A document as Elasticsearch stores it, read as the operator would: what a test checks holds nothing it must not. */
final class StoredDocuments {

    private StoredDocuments() {
    }

    static String read(String index, String id) throws Exception {
        ElasticsearchNode node = SharedStack.elasticsearch();
        HttpClient client = HttpClient.newBuilder().sslContext(node.sslContext()).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((node.operatorUser().username() + ":"
                + node.operatorUser().password()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> got = client.send(HttpRequest.newBuilder(URI.create(node.url() + "/" + index + "/_doc/" + id))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        return got.body();
    }
}
