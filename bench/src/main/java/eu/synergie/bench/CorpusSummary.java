package eu.synergie.bench;

import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.search.NoticeDocument;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The load benchmark's description of what it pushed: the mix of notices, and the envelope and index document sizes. */
final class CorpusSummary {

    private CorpusSummary() {
    }

    /** The average JSON size of (up to the first 1,000 of) {@code documents}, as the indexer would send them. */
    static long averageDocumentBytes(List<NoticeDocument> documents) {
        JsonMapper json = JsonMapper.builder().build();
        long bytes = 0;
        int measured = Math.min(1000, documents.size());
        for (int i = 0; i < measured; i++) {
            bytes += json.writeValueAsBytes(documents.get(i)).length;
        }
        return measured == 0 ? 0 : bytes / measured;
    }

    /** The mix of {@code notices}; the average envelope of each profile's phase; the index document's size. */
    static List<String> lines(NoticeGenerator.Generated[] notices, Map<EnvelopeProfile, Long> averageEnvelope,
                              long averageDocument) {
        Map<String, Integer> languages = new TreeMap<>();
        Map<String, Integer> agencies = new TreeMap<>();
        Map<String, Integer> regions = new TreeMap<>();
        Map<String, Integer> classifications = new TreeMap<>();
        long entities = 0;
        for (NoticeGenerator.Generated n : notices) {
            languages.merge(n.notice().language(), 1, Integer::sum);
            agencies.merge(n.agency().code(), 1, Integer::sum);
            regions.merge(n.notice().region(), 1, Integer::sum);
            classifications.merge(n.notice().markings().classification().name(), 1, Integer::sum);
            entities += n.notice().entities().size();
        }
        List<String> envelopes = new ArrayList<>();
        averageEnvelope.forEach((profile, bytes) -> envelopes.add(String.format("%,d bytes on average (%s)", bytes,
                switch (profile) {
                    case CLASSICAL -> "CMS, ECDSA P-256, 2 ECDH recipients";
                    case HYBRID -> "hybrid: CMS, ECDSA P-256 countersigned ML-DSA-65, 2 recipients of ECDH + ML-KEM-768";
                })));
        return List.of(
                String.format("notices: %s; by agency %s; by region %s; by classification %s; %.1f entities per notice",
                        percentages(languages, notices.length), percentages(agencies, notices.length),
                        percentages(regions, notices.length), percentages(classifications, notices.length),
                        (double) entities / notices.length),
                String.format("sizes: envelope %s, index document %,d bytes of JSON", String.join("; ", envelopes),
                        averageDocument));
    }

    private static String percentages(Map<String, Integer> counts, int total) {
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> parts.add(e.getKey() + " " + Math.round(100.0 * e.getValue() / total) + "%"));
        return String.join(", ", parts);
    }
}
