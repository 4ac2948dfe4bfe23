package eu.synergie.search;

import static eu.synergie.search.ElasticsearchCalls.call;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import eu.synergie.core.reports.Report;
import eu.synergie.core.reports.ReportStatus;
import eu.synergie.core.reports.Reports;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Partners' reports in one Elasticsearch index, {@value #INDEX}: who sent what to whom in the clear, to route and list
 * them; the report and the messages back only as the sealed envelopes the exchange made on arrival (binary, never
 * indexed). A change replaces the document only at the revision it read (sequence number and primary term), so two
 * analysts closing the same report at once do not overwrite each other.
 */
public final class ElasticsearchReports implements Reports {

    static final String INDEX = "reports";

    private final ElasticsearchClient client;
    private final IndexSettings settings;
    private volatile boolean ready;

    public ElasticsearchReports(ElasticsearchClient client, IndexSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The stored form of a {@link Report.Message}. */
    record MessageDocument(String at, String agency, String by, String envelope) {
    }

    /** The stored form of a {@link Report}; the envelope base64, as Elasticsearch keeps binary fields. */
    record ReportDocument(String id, String organisation, String reporter, String region, String addressee,
                          String submittedAt, String status, String statusAt, String statusBy, String noticeId,
                          String envelope, List<MessageDocument> messages, String secret) {

        static ReportDocument of(Report r) {
            Base64.Encoder base64 = Base64.getEncoder();
            return new ReportDocument(r.id(), r.organisation(), r.reporter(), r.region(), r.addressee(),
                    r.submittedAt().toString(), r.status().name(), r.statusAt() == null ? null : r.statusAt().toString(),
                    r.statusBy(), r.noticeId(), base64.encodeToString(r.envelope()), r.messages().stream()
                    .map(m -> new MessageDocument(m.at().toString(), m.agency(), m.by(), base64.encodeToString(m.envelope())))
                    .toList(), r.secret());
        }

        Report toReport(long version) {
            Base64.Decoder base64 = Base64.getDecoder();
            return new Report(id, organisation, reporter, region, addressee, Instant.parse(submittedAt),
                    ReportStatus.valueOf(status), statusAt == null ? null : Instant.parse(statusAt), statusBy, noticeId,
                    base64.decode(envelope), messages == null ? List.of() : messages.stream().map(m -> new Report.Message(
                    Instant.parse(m.at()), m.agency(), m.by(), base64.decode(m.envelope()))).toList(), secret, version);
        }
    }

    @Override
    public void add(Report report) {
        ensureIndex();
        call(() -> client.create(c -> c.index(INDEX).id(report.id()).document(ReportDocument.of(report))
                .refresh(co.elastic.clients.elasticsearch._types.Refresh.WaitFor)));
    }

    @Override
    public Optional<Report> find(String id) {
        ensureIndex();
        GetResponse<ReportDocument> got = call(() -> client.get(g -> g.index(INDEX).id(id), ReportDocument.class));
        if (!got.found() || got.source() == null) {
            return Optional.empty();
        }
        return Optional.of(got.source().toReport(version(got.seqNo(), got.primaryTerm())));
    }

    @Override
    public boolean replace(Report report, Report changed) {
        ensureIndex();
        long seqNo = report.version() >>> 20;
        long term = report.version() & 0xFFFFF;
        try {
            call(() -> client.index(i -> i.index(INDEX).id(report.id()).ifSeqNo(seqNo).ifPrimaryTerm(term)
                    .document(ReportDocument.of(changed)).refresh(co.elastic.clients.elasticsearch._types.Refresh.WaitFor)));
            return true;
        } catch (SearchUnavailableException e) {
            if (e.getCause() instanceof ElasticsearchException refused && refused.status() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<Report> sentBy(String reporter, int limit) {
        return list(Query.of(q -> q.term(t -> t.field("reporter").value(reporter))), limit, false);
    }

    /** Open reports first (RECEIVED, IN_REVIEW sort after CLOSED and ACTIONED by name: descending), newest first within. */
    @Override
    public List<Report> inbox(String agency, Set<String> regions, int limit) {
        List<FieldValue> desks = regions.stream().sorted().map(FieldValue::of).toList();
        return list(Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(s -> s.term(t -> t.field("addressee").value(agency)))
                .should(s -> s.bool(desk -> desk.mustNot(m -> m.exists(e -> e.field("addressee")))
                        .filter(f -> f.terms(t -> t.field("region").terms(v -> v.value(desks)))))))), limit, true);
    }

    private List<Report> list(Query query, int limit, boolean openFirst) {
        ensureIndex();
        var response = call(() -> client.search(s -> {
            s.index(INDEX).query(query).seqNoPrimaryTerm(true).size(limit);
            if (openFirst) {
                s.sort(o -> o.field(f -> f.field("status").order(SortOrder.Desc)));
            }
            return s.sort(o -> o.field(f -> f.field("submittedAt").order(SortOrder.Desc)));
        }, ReportDocument.class));
        return response.hits().hits().stream().filter(h -> h.source() != null)
                .map(h -> h.source().toReport(version(h.seqNo(), h.primaryTerm()))).toList();
    }

    /** Sequence number and primary term in one long, for {@link Report#version()} (terms stay far below 2^20). */
    private static long version(Long seqNo, Long primaryTerm) {
        if (primaryTerm == null || seqNo == null || primaryTerm >= 1 << 20 || seqNo >= 1L << 43) {
            throw new IllegalStateException("a report's revision out of the range this store packs: seq_no " + seqNo
                    + ", primary term " + primaryTerm);
        }
        return (seqNo << 20) | primaryTerm;
    }

    private void ensureIndex() {
        if (ready) {
            return;
        }
        String json;
        try (InputStream in = ElasticsearchReports.class.getResourceAsStream("reports-index.json")) {
            json = new String(Objects.requireNonNull(in, "reports-index.json").readAllBytes(), StandardCharsets.UTF_8)
                    .replace("REPLICAS", String.valueOf(settings.replicas()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!call(() -> client.indices().exists(e -> e.index(INDEX))).value()) {
            try {
                call(() -> client.indices().create(c -> c.index(INDEX).withJson(new StringReader(json))));
            } catch (SearchUnavailableException raced) {
                if (!call(() -> client.indices().exists(e -> e.index(INDEX))).value()) {
                    throw raced;
                }
            }
        } else {
            String mappings;
            try {
                mappings = new ObjectMapper().readTree(json).path("mappings").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            call(() -> client.indices().putMapping(p -> p.index(INDEX).withJson(new StringReader(mappings))));
        }
        ready = true;
    }
}
