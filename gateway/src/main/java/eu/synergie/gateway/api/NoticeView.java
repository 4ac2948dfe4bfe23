package eu.synergie.gateway.api;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeProvenance;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One notice as an analyst opens it: content, markings always beside it, entities, provenance. */
public record NoticeView(String noticeId, String originAgency, String region, String type, int version, String title,
                  String summary, String language, Instant issuedAt, Instant validUntil, String caseRef,
                  MarkingsView markings, List<EntityView> entities, NoticeProvenance provenance) {

    /**
     * @param grading source and information reliability with the handling code, as analysts write it ("B2 · H2")
     */
    public record MarkingsView(String classification, String tlp, String handlingCode, String handlingNote,
                        List<String> releasableTo, String dissemination, String sourceReliability, String infoReliability,
                        String grading) {
    }

    public record EntityView(String kind, String value, Map<String, String> attributes) {
    }

    public static NoticeView of(FetchedNotice fetched) {
        Notice n = fetched.notice();
        Markings m = n.markings();
        String grading = (n.sourceReliability() == null ? "X" : n.sourceReliability())
                + (n.infoReliability() == null ? "4" : n.infoReliability()) + " · " + m.handlingCode().name();
        return new NoticeView(n.noticeId().toString(), m.originAgency(), m.region(), n.type().name(), n.version(), n.title(),
                n.summary(), n.language(), n.issuedAt(), n.validUntil(), n.caseRef(),
                new MarkingsView(m.classification().name(), m.tlp().label(), m.handlingCode().name(), m.handlingNote(),
                        m.releasableTo().stream().sorted().toList(), m.dissemination().name(), n.sourceReliability(),
                        n.infoReliability(), grading),
                n.entities().stream().map(e -> new EntityView(e.kind().name(), e.value(), e.attributes())).toList(),
                fetched.provenance());
    }
}
