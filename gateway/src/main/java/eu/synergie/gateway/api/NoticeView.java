package eu.synergie.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
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
                  MarkingsView markings, List<EntityView> entities, List<RelationView> relations,
                  RequestView request, String replyTo, NoticeProvenance provenance) {

    /**
     * @param grading source and information reliability with the handling code, as analysts write it ("B2 · H2")
     */
    public record MarkingsView(String classification, String tlp, String handlingCode, String handlingNote,
                        List<String> releasableTo, String dissemination, String sourceReliability, String infoReliability,
                        String grading) {
    }

    /**
     * @param ref   its name inside the notice, which relations use (and the asset tracing starts from), or null
     * @param asset what the notice says of the asset, for an ASSET entity
     */
    /**
     * @param protection a protected person's role (VICTIM, WITNESS, WHISTLEBLOWER, INFORMANT), whose value is then the
     *                   originating agency's pseudonym: who the person is, only that agency can say, on a reveal request
     */
    public record EntityView(String kind, String value, Map<String, String> attributes, String ref, AssetView asset,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String protection) {
    }

    /** An asset-tracing request: the grounds, the jurisdictions asked, the reply-by date. */
    public record RequestView(String grounds, List<String> jurisdictions, java.time.LocalDate replyBy) {
    }

    /** Who owns what, by entity refs: LEGAL or BENEFICIAL, the share in per cent when known, and the dates. */
    public record RelationView(String owner, String owned, String kind, java.math.BigDecimal share, java.time.LocalDate from,
                               java.time.LocalDate to) {
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
                n.entities().stream().map(e -> new EntityView(e.kind().name(), e.value(), e.attributes(), e.ref(),
                        AssetView.of(e.asset()), e.protection() == null ? null : e.protection().name())).toList(),
                n.relations().stream().map(r -> new RelationView(r.owner(), r.owned(), r.kind().name(), r.share(), r.from(),
                        r.to())).toList(),
                n.request() == null ? null : new RequestView(n.request().grounds(),
                        n.request().jurisdictions().stream().sorted().toList(), n.request().replyBy()),
                n.replyTo() == null ? null : n.replyTo().toString(),
                fetched.provenance());
    }
}
