package eu.synergie.search;

import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import eu.synergie.infra.ElasticsearchNode;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;

import java.net.URI;

/**
 * Clients of the shared node for the search ITs, logged in as the gateway is: over HTTPS trusting the node's CA only,
 * as its user, so that everything these tests do through the search module is shown to be within the gateway's role.
 */
final class TestNodes {

    private TestNodes() {
    }

    static Rest5Client asGateway(ElasticsearchNode node) {
        return Rest5Client.builder(HttpHost.create(URI.create(node.url())))
                .setSSLContext(node.sslContext())
                .setDefaultHeaders(new Header[] {new BasicHeader("Authorization", node.gatewayUser().basicAuthorization())})
                .build();
    }
}
