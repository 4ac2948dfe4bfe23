package eu.synergie.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import eu.synergie.core.audit.AuditAction;
import eu.synergie.core.audit.AuditEvent;
import eu.synergie.core.audit.AuditOutcome;
import eu.synergie.core.audit.AuditPage;
import eu.synergie.core.audit.AuditRecord;
import eu.synergie.core.audit.AuditSearch;
import eu.synergie.core.audit.ChainHead;
import eu.synergie.infra.ElasticsearchNode;
import eu.synergie.infra.junit.RealStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' index on the real node: a record is created and never replaced (another entry under its id leaves it
 * contested), chain heads never move back, {@code verified} is read from the head, heads are not found by searches,
 * where to read the log again from follows the heads, and an index made by an earlier version takes the new fields.
 */
@ExtendWith(RealStackExtension.class)
class ElasticsearchAuditIndexIT {

    private static Rest5Client rest;
    private static ElasticsearchClient client;
    private final String name = "audit-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String subject = "subject-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void connect(ElasticsearchNode node) {
        rest = TestNodes.asGateway(node);
        client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()));
    }

    @AfterAll
    static void close() throws Exception {
        rest.close();
    }

    private AuditRecord record(String writer, long sequence, long position, String hash) {
        return new AuditRecord(writer, sequence, position, hash, new AuditEvent(Instant.parse("2026-11-28T10:00:00Z")
                .plusSeconds(position), AuditAction.SEARCH, subject, "FR-DGPN", "PJ-" + hash.substring(0, 4),
                new AuditEvent.Query("x", Map.of("size", "20"), 1), List.of("n1"), List.of(), null, AuditOutcome.SUCCESS), false);
    }

    /** The records of this test's subject, once the index has refreshed (every 5 s on its own). */
    private AuditPage page(ElasticsearchAuditIndex index) throws Exception {
        client.indices().refresh(r -> r.index(name));
        return index.search(new AuditSearch(subject, null, null, null, null, null, 0, 100));
    }

    @Test
    void storeWhenAnotherEntryComesUnderATakenIdThenTheFirstStaysContestedAndIsNeverShownVerified() throws Exception {
        ElasticsearchAuditIndex index = new ElasticsearchAuditIndex(client, new IndexSettings(0), name);
        assertThat(index.resumeAt()).as("nothing held yet: read the log from its start").isZero();
        String w = "gw-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(index.store(List.of(record(w, 0, 10, "a0".repeat(32)), record(w, 1, 11, "a1".repeat(32))),
                List.of(new ChainHead(w, 1, "a1".repeat(32), 11, -1, false)))).isEmpty();
        assertThat(index.store(List.of(record(w, 0, 10, "a0".repeat(32))), List.of()))
                .as("the same entry again changes nothing").isEmpty();
        assertThat(index.store(List.of(record(w, 1, 14, "f1".repeat(32))), List.of())).containsExactly(w + ":1");
        assertThat(index.store(List.of(), List.of(new ChainHead(w, 2, "a2".repeat(32), 15, 1, false)))).isEmpty();
        index.store(List.of(), List.of(new ChainHead(w, 1, "a1".repeat(32), 11, -1, false)));

        assertThat(index.heads(Set.of(w, "nobody"))).containsOnlyKeys(w).containsEntry(w, new ChainHead(w, 2, "a2".repeat(32), 15, 1, false));
        assertThat(index.resumeAt()).isEqualTo(16);
        AuditPage page = page(index);
        assertThat(page.total()).as("heads are not records").isEqualTo(2);
        assertThat(page.records()).extracting(AuditRecord::sequence, AuditRecord::hash, AuditRecord::verified)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "a1".repeat(32), false),
                        org.assertj.core.groups.Tuple.tuple(0L, "a0".repeat(32), true));
    }

    @Test
    void resumeAtWhenTheIndexWasMadeByAnEarlierVersionThenItTakesTheNewFieldsAndTheLogIsReadAgainFromItsStart() throws Exception {
        String old = """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0}, "mappings": {"dynamic": "strict", "properties": {
                  "id": {"type": "keyword"}, "writer": {"type": "keyword"}, "sequence": {"type": "long"}, "position": {"type": "long"},
                  "hash": {"type": "keyword", "index": false}, "at": {"type": "date"}, "action": {"type": "keyword"},
                  "subject": {"type": "keyword"}, "agency": {"type": "keyword"}, "purpose": {"type": "keyword"},
                  "queryText": {"type": "keyword"}, "queryFilters": {"type": "keyword"}, "queryTotal": {"type": "long"},
                  "noticeIds": {"type": "keyword"}, "recipients": {"type": "keyword"}, "change": {"type": "keyword"},
                  "outcome": {"type": "keyword"}}}}""";
        client.indices().create(c -> c.index(name).withJson(new StringReader(old)));
        ElasticsearchAuditIndex index = new ElasticsearchAuditIndex(client, new IndexSettings(0), name);

        assertThat(index.resumeAt()).isZero();
        String w = "gw-" + UUID.randomUUID().toString().substring(0, 8);
        index.store(List.of(record(w, 0, 3, "b0".repeat(32))), List.of(new ChainHead(w, 1, "b1".repeat(32), 4, 0, true)));

        assertThat(index.resumeAt()).isEqualTo(5);
        assertThat(page(index).records()).singleElement().satisfies(r -> assertThat(r.verified()).isTrue());
    }
}
