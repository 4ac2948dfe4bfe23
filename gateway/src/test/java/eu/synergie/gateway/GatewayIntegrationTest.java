package eu.synergie.gateway;

import eu.synergie.core.trust.TrustService;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.infra.LocalStack;
import eu.synergie.infra.SharedStack;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The one gateway every integration test talks to, on the shared real stack. One application context
 * for all, the CLI's integration tests included (they extend this class and run in the same test JVM):
 * two gateways with different exchange keys in the same indexer group would take each other's envelopes.
 */
// Spring's own shutdown hook would close the context at the same time as the stack's hook stops the servers
// (JVM hooks run at once): only the stack closes it, first (closeBeforeTheServers below).
@SpringBootTest(classes = SynergieGateway.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "spring.main.register-shutdown-hook=false")
public abstract class GatewayIntegrationTest {

    /** The exchange's own keys and the trust registry of the one context, and the port it serves on. */
    @Autowired
    protected ExchangeKeys keys;
    @Autowired
    protected TrustService trust;
    @LocalServerPort
    protected int port;

    /** A fresh exchange (CA, region keys) per test run, like a fresh deployment. */
    private static final Path HOME = Path.of("target/gateway-it-" + UUID.randomUUID()).toAbsolutePath();
    private static final String KEYS_PASSWORD = UUID.randomUUID().toString();

    /** Where the agency desks of FR-DGPN and BE-PJF listen when a test runs them (the web UI knows them from its start). */
    public static final int FRANCE_DESK_PORT = eu.synergie.infra.Ports.free();
    public static final int BELGIUM_DESK_PORT = eu.synergie.infra.Ports.free();

    /** The requests mailboxes of FR-DGPN and BE-PJF on the tests' SMTP server. */
    public static final String FRANCE_MAILBOX = "demandes@dgpn.interieur.test";
    public static final String BELGIUM_MAILBOX = "verzoeken-demandes@pjf.police.test";

    /** The exchange's folder (its keys under {@code keys/}), for a second gateway process of the same exchange. */
    public static Path home() {
        return HOME;
    }

    public static String keysPassword() {
        return KEYS_PASSWORD;
    }

    /**
     * The gateway module's folder: these tests run in the CLI module's test JVM (one stack and one context for every
     * integration test of the build), which names it; the module itself when run from there.
     */
    static Path module() {
        return Path.of(System.getProperty("synergie.gateway.module", ".")).toAbsolutePath().normalize();
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        LocalStack s = SharedStack.all();
        registry.add("spring.kafka.bootstrap-servers", () -> s.kafka().bootstrapServers());
        registry.add("synergie.kafka.username", () -> s.kafka().gateway().principal());
        registry.add("synergie.kafka.password", () -> s.kafka().gateway().password());
        registry.add("spring.ssl.bundle.pem.kafka.truststore.certificate", () -> s.kafka().caCertificate().toString());
        registry.add("spring.elasticsearch.uris", () -> s.elasticsearch().url());
        registry.add("spring.elasticsearch.username", () -> s.elasticsearch().gatewayUser().username());
        registry.add("spring.elasticsearch.password", () -> s.elasticsearch().gatewayUser().password());
        registry.add("spring.ssl.bundle.pem.elasticsearch.truststore.certificate", () -> s.elasticsearch().caCertificate().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> s.keycloak().issuer());
        registry.add("synergie.access.client-secret", () -> s.keycloak().gatewayClientSecret());
        registry.add("synergie.home", HOME::toString);
        // The port the realm's web client redirects to (browser tests log in through Keycloak's page).
        registry.add("server.port", () -> java.net.URI.create(s.gatewayUrl()).getPort());
        registry.add("synergie.keys-password", () -> KEYS_PASSWORD);
        // Keycloak's admin calls may take 20 s (5 s in production): under the whole suite's load on two cores a CI
        // run once saw Keycloak answer an admin lookup after more than 5 s, and AccessAdminIT checks outcomes, not speed.
        registry.add("synergie.access.timeout", () -> "20s");
        // A fourth region, HybridProfileIT's alone: it moves it to the hybrid envelope profile. A fifth, TrendsIT's alone,
        // and a sixth, BrowserIT's trends page's: they date weeks of notices there, which no other test may change the
        // counts of.
        registry.add("synergie.regions", () -> "EU-WEST,EU-CENTRAL,MED,EU-NORTH,EU-EAST,EU-SOUTH");
        // Its profile switch may be dated 2 s ahead (1 min in production): one instance here, reading its own changes.
        registry.add("synergie.trust.profile-lead", () -> "2s");
        // Its name in the network: FederationIT peers it with a second exchange, EXCH-MED.
        registry.add("synergie.federation.name", () -> "EXCH-EU");
        // The indexer tries a failed batch again at most 2 s apart (30 s in production), so that tests which stop
        // Elasticsearch see it catch up at once when it is back.
        registry.add("synergie.ingestion.retry-max-interval", () -> "2s");
        // Each instance signs its audit chain's head at least every 2 s while entries wait (10 s in production), so
        // that tests see their entries covered by a checkpoint (verified) soon.
        registry.add("synergie.audit.checkpoint-interval", () -> "2s");
        // Approval requests past their expiry are closed within a second (every minute in production), so that
        // ApprovalsIT sees the sweep's expiry.
        registry.add("synergie.approvals.sweep-interval", () -> "1s");
        // The same for requests for information: RequestsIT sees one expire.
        registry.add("synergie.requests.sweep-interval", () -> "1s");
        // The agency desks RequestsBrowserIT runs for France and Belgium: the pages name them, their CSP allows them.
        registry.add("synergie.requests.desks[FR-DGPN]", () -> "http://127.0.0.1:" + FRANCE_DESK_PORT);
        registry.add("synergie.requests.desks[BE-PJF]", () -> "http://127.0.0.1:" + BELGIUM_DESK_PORT);
        // Requests' notifications go to a real SMTP server (GreenMail, started by infra), to each agency's mailbox.
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> eu.synergie.infra.SharedMail.get().smtpPort());
        registry.add("synergie.requests.mail.link", () -> "http://localhost:" + java.net.URI.create(s.gatewayUrl()).getPort());
        registry.add("synergie.requests.mail.to[FR-DGPN]", () -> FRANCE_MAILBOX);
        registry.add("synergie.requests.mail.to[BE-PJF]", () -> BELGIUM_MAILBOX);
        registry.add("synergie.whistleblowing.proof-of-work-bits", () -> "8");
        // The watchlists that watch rises are checked every 2 s (15 min in production): TrendsIT sees its alert soon.
        registry.add("synergie.trends.check-interval", () -> "2s");
        // TAXII collections list notices verified at least 5 s ago (10 s in production): TaxiiIT sees them sooner.
        registry.add("synergie.taxii.settle-time", () -> "5s");
        // One subject of its own with a tiny allowance, so that ApiHardeningIT sees 429 while every other
        // test keeps the normal limits (all share this one context).
        for (String rateClass : new String[]{"publish", "search"}) {
            registry.add("synergie.limits.subjects." + TestPrincipals.RATE_PROBE + "." + rateClass + ".capacity", () -> "2");
            registry.add("synergie.limits.subjects." + TestPrincipals.RATE_PROBE + "." + rateClass + ".refill-every", () -> "1h");
        }
    }

    /**
     * A token of a machine client with the analyst role and the given claims, made in Keycloak for the test (the
     * CLI module's tests search regions no demo analyst has, e.g. EU-NORTH).
     */
    protected static String analystClientToken(String clientId, String agency, java.util.List<String> regions,
                                               String clearance, String purpose) {
        return TestPrincipals.taxiiClientToken(SharedStack.keycloak(), clientId, agency, regions, clearance, purpose);
    }

    private final HttpClient gatewayClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An address of this gateway. */
    protected final URI api(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A GET on this gateway, with the bearer {@code token} unless it is null. */
    protected final HttpResponse<String> fetch(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return gatewayClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Returns once the week (ISO, UTC) has more than five minutes to run, sleeping past Monday 00:00 if it has not: a test
     * that dates notices in "last week" and asks the exchange about it must not see the weeks turn between the two.
     */
    protected static void awayFromTheWeeksTurn() throws InterruptedException {
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant turn = eu.synergie.core.trends.Period.WEEK.nextStart(now);
        if (java.time.Duration.between(now, turn).compareTo(java.time.Duration.ofMinutes(5)) < 0) {
            Thread.sleep(java.time.Duration.between(now, turn).plusSeconds(5).toMillis());
        }
    }

    /**
     * Publishes {@code noticeJson} through {@code POST /api/v1/notices} as the feed client {@code feedClient}, sealed by
     * {@code signer} for the region's recipient certificate; fails the test unless the exchange takes it (202).
     */
    protected final void publishAsFeed(String feedClient, String feedSecret, String region, String noticeJson,
                                       eu.synergie.crypto.pki.KeyCredential signer) throws Exception {
        String feed = SharedStack.keycloak().clientCredentials(feedClient, feedSecret);
        HttpResponse<String> response = gatewayClient.send(HttpRequest.newBuilder(api("/api/v1/notices"))
                .header("Authorization", "Bearer " + feed).header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestEnvelopes.seal(noticeJson, signer,
                        keys.regions().recipientCertificate(region).orElseThrow()))).build(),
                HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** {@link #publishAsFeed} as a demo agency's feed client ({@code feed-<agency>}, secret {@code demo-secret-<agency>}). */
    protected final void publishAsDemoFeed(String agency, String region, String noticeJson,
                                           eu.synergie.crypto.pki.KeyCredential signer) throws Exception {
        String client = "feed-" + agency.toLowerCase(java.util.Locale.ROOT);
        publishAsFeed(client, "demo-secret-" + agency.toLowerCase(java.util.Locale.ROOT), region, noticeJson, signer);
    }

    /**
     * The context closes before the shared servers stop at the end of the test JVM: its consumers commit and
     * leave and its producers flush while the broker is there, instead of retrying against a stopped broker until
     * Failsafe kills the JVM (it waited 30 s).
     */
    @Autowired
    void closeBeforeTheServers(ConfigurableApplicationContext context) {
        SharedStack.closeBeforeServers("gateway test context", context, () -> {
            context.close();
            return true;
        });
    }
}
