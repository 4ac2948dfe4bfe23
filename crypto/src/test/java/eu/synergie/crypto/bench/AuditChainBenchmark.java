package eu.synergie.crypto.bench;

import eu.synergie.crypto.audit.CanonicalJson;
import eu.synergie.crypto.audit.ChainWriter;
import eu.synergie.crypto.audit.HashChain;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the audit log's hash chain costs per search, on the path every audited search takes: the writer links the
 * search's event into its chain and writes the entry's canonical bytes for the topic ({@code linkAndWrite}, as the
 * gateway's {@code KafkaAuditLog} does), and the auditors' indexer reads the entry's chain fields and checks its hash
 * ({@code check}, as {@code AuditIndexer} does before indexing it). The baseline of the same run is SHA-256 alone over
 * the entry's canonical bytes ({@code sha256}): what hashing costs without canonicalising.
 * <p>
 * The event is a search as the gateway audits one: an analyst, a purpose, a query with filters and its total, and the
 * twenty notices of a first page. Not a test. Run it with:
 *
 * <pre>
 * ./mvnw -B -q -pl crypto test-compile exec:exec -Djmh.benchmarks=AuditChainBenchmark -Djmh.args="-f 1 -wi 3 -i 5 -w 2s -r 2s"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuditChainBenchmark {

    private Map<String, Object> event;
    private ChainWriter writer;
    private Map<String, Object> entry;
    private byte[] entryBytes;

    @Setup
    public void setUp() {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("region", "EU-WEST");
        filters.put("type", "CASE");
        filters.put("from", "2026-01-01");
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("text", "Dupont Marseille blanchiment");
        query.put("filters", filters);
        query.put("total", 1_284L);
        List<String> noticeIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            noticeIds.add(UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString());
        }
        event = new LinkedHashMap<>();
        event.put("at", "2026-12-08T01:55:12.345678Z");
        event.put("action", "SEARCH");
        event.put("subject", "3f1c2a9e-8d4b-4c7a-9e21-5b6d7f8a9c0d");
        event.put("agency", "FR-DGPN");
        event.put("purpose", "BENCH-2026-0001");
        event.put("query", query);
        event.put("noticeIds", noticeIds);
        event.put("outcome", "SUCCESS");
        writer = new ChainWriter("gateway-1-0b5f7a52");
        entry = writer.link(event);
        entryBytes = CanonicalJson.bytes(entry);
    }

    @Benchmark
    public byte[] linkAndWrite() {
        return CanonicalJson.bytes(writer.link(event));
    }

    @Benchmark
    public boolean check() {
        HashChain.Link link = HashChain.linkOf(entry).orElseThrow();
        return HashChain.hashOf(entry).equals(link.hash());
    }

    @Benchmark
    public byte[] sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(entryBytes);
    }
}
