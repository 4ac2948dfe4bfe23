package eu.synergie.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.stream.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A search page's hits carry only {@link NoticeDocument#SUMMARY_FIELDS} of each document: checked here that these are
 * exactly what {@link NoticeDocument#toSummary} needs, read as the Elasticsearch client reads a hit's source, through
 * either of its JSON mappers (Jackson 2, and Jackson 3 as the gateway's Spring Boot wiring gives it).
 */
class NoticeDocumentTest {

    private static final List<JsonpMapper> MAPPERS = List.of(new JacksonJsonpMapper(), new Jackson3JsonpMapper());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void toSummaryWhenOnlyTheSummaryFieldsAreReadThenTheSameSummaryAsFromTheWholeDocument() throws Exception {
        NoticeDocument whole = NoticeDocument.of(indexed());

        for (JsonpMapper mapper : MAPPERS) {
            NoticeDocument filtered = read(mapper, onlySummaryFields(whole));

            assertThat(filtered.toSummary()).as("read by %s", mapper).isEqualTo(whole.toSummary());
            assertThat(filtered.entities()).as("the rest is not carried").isNull();
        }
        assertThat(JSON.writeValueAsBytes(onlySummaryFields(whole)).length)
                .as("a hit's source, filtered, against the whole document")
                .isLessThan(JSON.writeValueAsBytes(whole).length / 2);
    }

    @Test
    void summaryFieldsWhenAnyOneIsLeftOutThenTheSummaryIsNotTheSame() throws Exception {
        NoticeDocument whole = NoticeDocument.of(indexed());
        NoticeSummary expected = whole.toSummary();
        for (String field : NoticeDocument.SUMMARY_FIELDS) {
            ObjectNode source = onlySummaryFields(whole);
            source.remove(field);
            NoticeSummary summary;
            try {
                summary = read(MAPPERS.getFirst(), source).toSummary();
            } catch (RuntimeException e) {
                // The summary cannot be made without it (the id, type, markings' codes and issue date): needed.
                continue;
            }
            assertThat(summary).as("without %s", field).isNotEqualTo(expected);
        }
        assertThat(new HashSet<>(NoticeDocument.SUMMARY_FIELDS)).as("no field twice").hasSize(NoticeDocument.SUMMARY_FIELDS.size());
    }

    /** As the client reads a hit's {@code _source}: its mapper's deserialiser for the document class. */
    private static NoticeDocument read(JsonpMapper mapper, ObjectNode source) throws Exception {
        try (JsonParser parser = mapper.jsonProvider().createParser(new StringReader(JSON.writeValueAsString(source)))) {
            return mapper.deserialize(parser, NoticeDocument.class);
        }
    }

    private static ObjectNode onlySummaryFields(NoticeDocument document) {
        ObjectNode source = JSON.valueToTree(document);
        source.retain(NoticeDocument.SUMMARY_FIELDS);
        return source;
    }

    private static IndexedNotice indexed() {
        Markings markings = new Markings("EU-WEST", "FR-DGPN", Classification.RESTRICTED, HandlingCode.H1, "via l'officier de liaison",
                Tlp.AMBER, Set.of("BE-PJF"), Dissemination.FULL);
        Notice notice = new Notice(UUID.fromString("3f0c1b8e-2a4d-4c1e-9b7a-5d6e7f809a1b"), NoticeType.MONEY_LAUNDERING,
                "Réseau de blanchiment par sociétés écrans", "Virements fractionnés vers des comptes à Anvers et Marseille",
                "fr", Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2027-11-28T10:00:00Z"), markings, "B", "2",
                "PJ-MRS-2026-0412", List.of(new Entity(EntityKind.IBAN, "FR76 3000 6000 0112 3456 7890 189", Map.of()),
                new Entity(EntityKind.PHONE, "06 12 34 56 78", Map.of()),
                new Entity(EntityKind.PERSON, "Jean Dupont", Map.of("born", "1978-03-14"))));
        return new IndexedNotice(new OpenedNotice(notice, "FR-DGPN", "01", "ab", Instant.now(), Instant.now()),
                "synergie.notices.EU-WEST", 0, 1);
    }
}
