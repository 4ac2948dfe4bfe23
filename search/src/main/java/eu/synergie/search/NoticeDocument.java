package eu.synergie.search;

import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeProvenance;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.StoredVersion;
import eu.synergie.core.matching.EntityHoldings;
import eu.synergie.core.matching.MatchKeys;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetStatus;
import eu.synergie.core.notice.AssetType;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.core.notice.Folding;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.notice.TracingRequest;
import eu.synergie.core.notice.normal.EntityNormalizer;
import eu.synergie.core.notice.normal.NormalizedValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A notice as stored in Elasticsearch. Its own type, apart from the domain: the index holds a folded
 * copy of the text ({@code folded}), normalised entities with their match keys, and the provenance, which
 * the notice itself does not have, and the ids of the objects it is exported as ({@code exportIds}: its STIX objects, by
 * which a TAXII read finds the notices holding an object). Public so that whoever writes notices into Elasticsearch by other means
 * (the load benchmark's raw-bulk baseline) writes exactly what the indexer does.
 */
public record NoticeDocument(String noticeId, String region, String originAgency, String type, String language, String title,
                      String summary, String folded, String issuedAt, String validUntil, String classification,
                      String handlingCode, String handlingNote, String tlp, List<String> releasableTo,
                      String dissemination, String sourceReliability, String infoReliability, String caseRef,
                      Integer version, String status, List<EntityField> entities,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<RelationField> relations,
                      @JsonInclude(JsonInclude.Include.NON_NULL) RequestField request,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String replyTo, Provenance provenance,
                      List<String> exportIds, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean held) {

    /** The field that marks a notice its agency holds for a release approver: no lookup of the region returns it. */
    static final String HELD = "held";

    /**
     * @param normalized the canonical form matched by entity searches and hits (E.164, IBAN without spaces…)
     * @param valid      false when the value failed its check (kept as given, flagged)
     * @param matchKey   the keys under which it correlates with other agencies' notices (one, but an asset's several
     *                   identifiers), null when none; read from a single string too, as documents made before assets hold
     * @param ref        its name inside the notice, for ownership relations
     * @param asset      the asset's details, for an asset
     */
    public record EntityField(String kind, String value, String folded, String normalized, Boolean valid,
                       Map<String, String> attributes,
                       @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> matchKey,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String ref,
                       @JsonInclude(JsonInclude.Include.NON_NULL) AssetField asset,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String protection) {

        static EntityField of(Entity entity, String originAgency) {
            NormalizedValue normal = EntityNormalizer.normalize(entity.kind(), entity.value(),
                    EntityNormalizer.phoneRegionOf(originAgency));
            List<String> keys = MatchKeys.of(entity, originAgency);
            return new EntityField(entity.kind().name(), entity.value(), Folding.fold(entity.value()), normal.normalized(),
                    normal.valid(), entity.attributes().isEmpty() ? null : entity.attributes(),
                    keys.isEmpty() ? null : keys, entity.ref(), entity.asset() == null ? null : AssetField.of(entity.asset()),
                    entity.protection() == null ? null : entity.protection().name());
        }

        Entity toEntity() {
            return new Entity(EntityKind.valueOf(kind), value, attributes, ref, asset == null ? null : asset.toAsset(),
                    protection == null ? null : ProtectedRole.valueOf(protection));
        }
    }

    /**
     * An asset as indexed: type, jurisdiction and the status it stands at searchable; the rest kept to be shown.
     *
     * @param status  where it stands now (the last step), searchable
     * @param history every step reached, as the notice gives them
     */
    public record AssetField(String type, Map<String, String> identifiers, ValueField value, String jurisdiction,
                             String status, List<StepField> history) {

        static AssetField of(Asset asset) {
            Asset.Valuation v = asset.value();
            return new AssetField(asset.type().name(), asset.identifiers().isEmpty() ? null : asset.identifiers(),
                    v == null ? null : new ValueField(v.amount().toPlainString(), v.currency().getCurrencyCode(),
                            v.date().toString(), v.source()),
                    asset.jurisdiction(), asset.status().name(), asset.history().isEmpty() ? null
                    : asset.history().stream().map(s -> new StepField(s.status().name(), s.date().toString())).toList());
        }

        Asset toAsset() {
            return new Asset(AssetType.valueOf(type), identifiers,
                    value == null ? null : new Asset.Valuation(new BigDecimal(value.amount()),
                            Currency.getInstance(value.currency()), LocalDate.parse(value.date()), value.source()),
                    jurisdiction, history == null ? List.of() : history.stream()
                    .map(s -> new Asset.Step(AssetStatus.valueOf(s.status()), LocalDate.parse(s.date()))).toList());
        }
    }

    /** An asset-tracing request: the jurisdictions asked and the reply-by date searchable, the grounds kept to be shown. */
    public record RequestField(String grounds, List<String> jurisdictions, String replyBy) {

        static RequestField of(TracingRequest r) {
            return r == null ? null : new RequestField(r.grounds(), r.jurisdictions().stream().sorted().toList(),
                    r.replyBy().toString());
        }

        TracingRequest toRequest() {
            return new TracingRequest(grounds, Set.copyOf(jurisdictions), LocalDate.parse(replyBy));
        }
    }

    /** @param amount as a decimal string: a JSON number would come back as a double and lose cents on large sums */
    public record ValueField(String amount, String currency, String date, String source) {
    }

    public record StepField(String status, String date) {
    }

    /** An ownership relation between two entities of the notice, by their refs; kept to be shown and walked, not searched. */
    public record RelationField(String owner, String owned, String kind, String share, String from, String to) {

        static RelationField of(Ownership o) {
            return new RelationField(o.owner(), o.owned(), o.kind().name(), o.share() == null ? null : o.share().toPlainString(),
                    o.from() == null ? null : o.from().toString(), o.to() == null ? null : o.to().toString());
        }

        Ownership toOwnership() {
            return new Ownership(owner, owned, Ownership.Kind.valueOf(kind), share == null ? null : new BigDecimal(share),
                    from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
        }
    }

    /** @param peer and {@code peerRegion}: where a notice a peer exchange sent came from; null for one published here */
    public record Provenance(String signerAgency, String certificateSerial, String certificateSha256, String signedAt,
                      String verifiedAt, String topic, int partition, long offset, String peer, String peerRegion) {
    }

    /** The document the indexer writes for {@code indexed}. */
    public static NoticeDocument of(IndexedNotice indexed) {
        OpenedNotice opened = indexed.opened();
        Notice n = opened.notice();
        Markings m = n.markings();
        Provenance provenance = new Provenance(opened.signerAgency(), opened.certificateSerial(), opened.certificateSha256(),
                opened.signedAt().toString(), opened.verifiedAt().toString(), indexed.topic(), indexed.partition(),
                indexed.offset(), indexed.fromPeer() == null ? null : indexed.fromPeer().peer(),
                indexed.fromPeer() == null ? null : indexed.fromPeer().peerRegion());
        if (n.status() == NoticeStatus.WITHDRAWN) {
            // The index keeps only who owns the id and which version withdrew it; the log keeps the rest.
            return new NoticeDocument(n.noticeId().toString(), m.region(), m.originAgency(), null, null, null, null, null,
                    n.issuedAt().toString(), null, null, null, null, null, List.of(), null, null, null, null, n.version(),
                    n.status().name(), List.of(), null, null, null, provenance, null, held(indexed));
        }
        StringBuilder text = new StringBuilder(n.title());
        if (n.summary() != null) {
            text.append('\n').append(n.summary());
        }
        n.entities().forEach(e -> text.append('\n').append(e.value()));
        return new NoticeDocument(n.noticeId().toString(), m.region(), m.originAgency(), n.type().name(), n.language(),
                n.title(), n.summary(), Folding.fold(text.toString()), n.issuedAt().toString(),
                n.validUntil() == null ? null : n.validUntil().toString(), m.classification().name(),
                m.handlingCode().name(), m.handlingNote(), m.tlp().label(), List.copyOf(m.releasableTo()),
                m.dissemination().name(), n.sourceReliability(), n.infoReliability(), n.caseRef(), n.version(),
                n.status().name(),
                n.entities().stream().map(e -> EntityField.of(e, m.originAgency())).toList(),
                n.relations().isEmpty() ? null : n.relations().stream().map(RelationField::of).toList(),
                RequestField.of(n.request()), n.replyTo() == null ? null : n.replyTo().toString(),
                provenance, null, held(indexed));
    }

    /** Set only when held, so that a released notice's document is what it was before four-eyes release existed. */
    private static Boolean held(IndexedNotice indexed) {
        return indexed.held() ? Boolean.TRUE : null;
    }

    /** Whether its agency holds it for a release approver. */
    boolean isHeld() {
        return Boolean.TRUE.equals(held);
    }

    /** The same document with the ids of the objects the notice is exported as (none for a withdrawn notice's tombstone). */
    NoticeDocument withExportIds(List<String> ids) {
        return new NoticeDocument(noticeId, region, originAgency, type, language, title, summary, folded, issuedAt, validUntil,
                classification, handlingCode, handlingNote, tlp, releasableTo, dissemination, sourceReliability,
                infoReliability, caseRef, version, status, entities, relations, request, replyTo, provenance,
                ids == null || ids.isEmpty() || NoticeStatus.WITHDRAWN.name().equals(status) ? null : List.copyOf(ids), held);
    }

    StoredVersion storedVersion() {
        return new StoredVersion(originAgency, version == null ? 1 : version, Instant.parse(issuedAt),
                provenance == null ? null : provenance.peer(), isHeld());
    }

    FetchedNotice toFetched() {
        Markings markings = markings();
        Notice notice = new Notice(UUID.fromString(noticeId), NoticeType.valueOf(type), title, summary, language,
                Instant.parse(issuedAt), validUntil == null ? null : Instant.parse(validUntil), markings, sourceReliability,
                infoReliability, caseRef, entities == null ? List.of() : entities.stream().map(EntityField::toEntity).toList(),
                relations == null ? List.of() : relations.stream().map(RelationField::toOwnership).toList(),
                request == null ? null : request.toRequest(), replyTo == null ? null : UUID.fromString(replyTo),
                version == null ? 1 : version, status == null ? NoticeStatus.ACTIVE : NoticeStatus.valueOf(status));
        return new FetchedNotice(notice, new NoticeProvenance(provenance.signerAgency(), provenance.certificateSerial(),
                provenance.certificateSha256(), Instant.parse(provenance.signedAt()), Instant.parse(provenance.verifiedAt()),
                provenance.topic(), provenance.partition(), provenance.offset(), provenance.peer(), provenance.peerRegion()));
    }

    Markings markings() {
        return new Markings(region, originAgency, Classification.valueOf(classification), HandlingCode.valueOf(handlingCode),
                handlingNote, Tlp.ofLabel(tlp), releasableTo == null ? Set.of() : Set.copyOf(releasableTo),
                Dissemination.valueOf(dissemination));
    }

    /** Reads only what {@code ElasticsearchNoticeHolders} fetches of a holder: keep the two in step. */
    EntityHoldings.Holding toHolding() {
        return new EntityHoldings.Holding(UUID.fromString(noticeId), markings(), caseRef, entities == null ? Set.of()
                : entities.stream().map(EntityField::matchKey).filter(java.util.Objects::nonNull).flatMap(List::stream)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * What {@link #toSummary} reads, and all a search page asks Elasticsearch for: the whole document (its folded copy,
     * entities, provenance, export ids) is several times larger, would be parsed by the gateway only to be dropped, and
     * would put in a page's memory entities the page does not show. Keep the two in step ({@code NoticeDocumentTest}).
     */
    static final List<String> SUMMARY_FIELDS = List.of("noticeId", "region", "originAgency", "type", "title", "summary",
            "language", "classification", "tlp", "handlingCode", "issuedAt");

    NoticeSummary toSummary() {
        return new NoticeSummary(UUID.fromString(noticeId), region, originAgency, NoticeType.valueOf(type), title, summary,
                language, Classification.valueOf(classification), Tlp.ofLabel(tlp), HandlingCode.valueOf(handlingCode),
                Instant.parse(issuedAt));
    }
}
