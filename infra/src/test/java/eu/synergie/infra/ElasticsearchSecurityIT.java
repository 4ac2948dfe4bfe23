package eu.synergie.infra;

import eu.synergie.infra.junit.RealStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node as anyone who reaches its ports finds it: HTTPS only, from its own CA; nothing without a user's password;
 * the gateway's user limited to the gateway's indices (and able to do all the gateway does there); the node's transport
 * port closed to a client without a certificate of the CA; its secrets readable by their owner only. Each test makes
 * the indices it needs under names of its own, and removes them.
 */
@ExtendWith(RealStackExtension.class)
class ElasticsearchSecurityIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void requestWhenNoCredentialsOrAWrongPasswordThenUnauthorized(ElasticsearchNode node) throws Exception {
        HttpResponse<String> anonymous = node.httpClient().send(HttpRequest.newBuilder(URI.create(node.url()
                + "/_cluster/health")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = send(node, "GET", "/_cluster/health",
                new ElasticsearchNode.Credentials(node.gatewayUser().username(), "not-the-password"), null);
        HttpResponse<String> search = node.httpClient().send(HttpRequest.newBuilder(URI.create(node.url()
                + "/notices/_search")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(search.statusCode()).as("no notice for anyone who merely reaches the port").isEqualTo(401);
    }

    @Test
    void requestWhenClientDoesNotTrustTheNodesCaThenTheHandshakeFails(ElasticsearchNode node) {
        // The JDK's own trusted CAs: the node's certificate chains to none of them. The connect timeout covers the TLS
        // handshake too: on a loaded machine 5 s ran out before the refusal came (CI, December 2026).
        HttpClient stranger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

        assertThatThrownBy(() -> stranger.send(node.request("/_cluster/health", node.operatorUser()).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void requestWhenPlainHttpThenNoAnswer(ElasticsearchNode node) {
        String plain = node.url().replace("https://", "http://");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(plain + "/_cluster/health"))
                .header("Authorization", node.operatorUser().basicAuthorization()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void transportWhenClientHasNoCertificateOfTheCaThenRefused(ElasticsearchNode node) throws Exception {
        // Nodes authenticate each other on the transport port: trusting the CA is not enough without a certificate of it.
        try (SSLSocket socket = (SSLSocket) node.sslContext().getSocketFactory().createSocket("127.0.0.1", node.transportPort())) {
            socket.setSoTimeout(10_000);
            assertThatThrownBy(() -> {
                socket.startHandshake();
                socket.getOutputStream().write(new byte[] {'E', 'S', 0, 0, 0, 0});
                socket.getOutputStream().flush();
                if (socket.getInputStream().read() == -1) {
                    throw new SSLException("closed by the node");
                }
            }).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void gatewayUserWhenIndexOutsideItsPatternsThenForbiddenToCreateOrDelete(ElasticsearchNode node) throws Exception {
        String other = "other-" + run;
        String created = "other-made-" + run;

        HttpResponse<String> create = send(node, "PUT", "/" + created, node.gatewayUser(), REPLICAS_0);
        assertThat(create.statusCode()).as(create.body()).isEqualTo(403);
        assertThat(create.body()).contains("security_exception").contains("indices:admin/create");

        assertThat(send(node, "PUT", "/" + other, node.operatorUser(), REPLICAS_0).statusCode()).isEqualTo(200);
        try {
            assertThat(send(node, "DELETE", "/" + other, node.gatewayUser(), null).statusCode()).isEqualTo(403);
            assertThat(send(node, "PUT", "/" + other + "/_doc/1", node.gatewayUser(), "{\"x\":1}").statusCode()).isEqualTo(403);
            assertThat(send(node, "GET", "/" + other + "/_search", node.gatewayUser(), null).statusCode()).isEqualTo(403);
            assertThat(send(node, "POST", "/_aliases", node.gatewayUser(), """
                    {"actions": [{"add": {"index": "%s", "alias": "notices-%s"}}]}""".formatted(other, run)).statusCode())
                    .as("an alias of the gateway's name onto an index that is not").isEqualTo(403);
        } finally {
            assertThat(send(node, "DELETE", "/" + other, node.operatorUser(), null).statusCode()).isEqualTo(200);
        }
        assertThat(send(node, "HEAD", "/" + created, node.operatorUser(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void gatewayUserWhenClusterSettingsOrSecurityApisThenForbidden(ElasticsearchNode node) throws Exception {
        for (String path : new String[] {"/_cluster/settings", "/_cluster/state", "/_nodes", "/_security/user",
                "/_security/role", "/_security/privilege"}) {
            HttpResponse<String> response = send(node, "GET", path, node.gatewayUser(), null);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(403);
        }
        assertThat(send(node, "PUT", "/_cluster/settings", node.gatewayUser(),
                "{\"persistent\": {\"action.destructive_requires_name\": false}}").statusCode()).isEqualTo(403);
        assertThat(send(node, "PUT", "/_security/role/escalate", node.gatewayUser(),
                "{\"cluster\": [\"all\"]}").statusCode()).isEqualTo(403);
        assertThat(send(node, "GET", "/_cluster/settings", node.operatorUser(), null).statusCode())
                .as("the operator may").isEqualTo(200);
    }

    @Test
    void gatewayUserWhenItsOwnIndicesThenAllTheGatewayDoes(ElasticsearchNode node) throws Exception {
        var gateway = node.gatewayUser();
        String template = "notices-sec-" + run;
        String generation = template + "-g1";
        String alias = template + "-w";
        String audit = "audit-sec-" + run;
        // A priority of its own: templates of one priority must not overlap, and the gateway's own is "notices-*".
        expect(200, send(node, "PUT", "/_index_template/" + template, gateway, """
                {"index_patterns": ["%s-*"], "priority": 500, "template": {"settings": {"number_of_replicas": 0},
                 "mappings": {"dynamic": "strict", "properties": {"title": {"type": "text"}}}}}""".formatted(template)));
        try {
            expect(200, send(node, "GET", "/_cluster/health?wait_for_status=yellow&timeout=10s", gateway, null));
            expect(200, send(node, "PUT", "/" + generation, gateway, null));
            expect(200, send(node, "POST", "/_aliases", gateway, """
                    {"actions": [{"add": {"index": "%s", "alias": "%s", "is_write_index": true}}]}""".formatted(generation, alias)));
            expect(200, send(node, "PUT", "/" + generation + "/_mapping", gateway,
                    "{\"properties\": {\"summary\": {\"type\": \"text\"}}}"));
            expect(201, send(node, "PUT", "/" + alias + "/_doc/1", gateway, "{\"title\": \"Escroquerie\", \"summary\": \"x\"}"));
            expect(200, send(node, "POST", "/_bulk", gateway, """
                    {"index": {"_index": "%s", "_id": "2"}}
                    {"title": "Blanchiment"}
                    """.formatted(alias)));
            expect(200, send(node, "POST", "/" + alias + "/_refresh", gateway, null));
            HttpResponse<String> search = expect(200, send(node, "GET", "/" + alias + "/_search?q=title:escroquerie", gateway, null));
            assertThat(search.body()).contains("\"total\":{\"value\":1");
            expect(200, send(node, "GET", "/_alias/" + alias, gateway, null));
            expect(200, send(node, "POST", "/_mget", gateway, """
                    {"docs": [{"_index": "%s", "_id": "1"}]}""".formatted(alias)));

            expect(200, send(node, "PUT", "/" + audit, gateway, REPLICAS_0));
            expect(201, send(node, "PUT", "/" + audit + "/_create/w:1?refresh=true", gateway, "{\"action\": \"SEARCH\"}"));
            expect(409, send(node, "PUT", "/" + audit + "/_create/w:1", gateway, "{\"action\": \"OTHER\"}"));
        } finally {
            send(node, "DELETE", "/" + generation, gateway, null);
            send(node, "DELETE", "/" + audit, gateway, null);
            expect(200, send(node, "DELETE", "/_index_template/" + template, gateway, null));
        }
        assertThat(send(node, "HEAD", "/" + generation, node.operatorUser(), null).statusCode())
                .as("the gateway deleted its own old generation").isEqualTo(404);
    }

    @Test
    void secretsWhenNodeRunsThenReadableByTheirOwnerOnly(ElasticsearchNode node) throws Exception {
        Path security = node.caCertificate().getParent();
        Path certs = node.folder().resolve("config/certs");

        assertThat(Files.getPosixFilePermissions(security)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String secret : new String[] {"ca.key", "gateway.password", "operator.password"}) {
            assertThat(Files.getPosixFilePermissions(security.resolve(secret))).as(secret)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.getPosixFilePermissions(node.folder().resolve("config"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(certs.resolve("node.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(node.folder().resolve("config/users"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(node.folder().resolve("config/users")))
                .as("hashes only").doesNotContain(node.gatewayUser().password()).contains("synergie-gateway:$2a$10$");
        if (ElasticsearchNode.runningAsRoot()) {
            // Root reaches everything anyway: what matters is that the node's user cannot read the CA key.
            assertThat(Files.getOwner(certs.resolve("node.key")).getName()).isEqualTo(ElasticsearchNode.USER);
            assertThat(Files.getOwner(security.resolve("ca.key")).getName()).isEqualTo("root");
        }
        assertThat(node.gatewayUser().toString()).doesNotContain(node.gatewayUser().password());
    }

    private static final String REPLICAS_0 = "{\"settings\": {\"number_of_replicas\": 0}}";

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isEqualTo(status);
        return response;
    }

    private static HttpResponse<String> send(ElasticsearchNode node, String method, String path,
                                             ElasticsearchNode.Credentials user, String json) throws Exception {
        HttpRequest.Builder request = node.request(path, user).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", path.endsWith("_bulk") ? "application/x-ndjson" : "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return node.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
