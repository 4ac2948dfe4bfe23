package eu.synergie.search;

import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.index.IndexedNotice;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeProvenance;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.index.StoredVersion;
import eu.synergie.core.matching.EntityHoldings;
import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.Folding;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.notice.normal.EntityNormalizer;
import eu.synergie.core.notice.normal.NormalizedValue;

import java.time.Instant;
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
                      Integer version, String status, List<EntityField> entities, Provenance provenance,
                      List<String> exportIds) {

    /**
     * @param normalized the canonical form matched by entity searches and hits (E.164, IBAN without spaces…)
     * @param valid      false when the value failed its check (kept as given, flagged)
     * @param matchKey   the key under which it correlates with other agencies' notices, if it does
     */
    public record EntityField(String kind, String value, String folded, String normalized, Boolean valid,
                       Map<String, String> attributes, String matchKey) {

        static EntityField of(Entity entity, String originAgency) {
            NormalizedValue normal = EntityNormalizer.normalize(entity.kind(), entity.value(),
                    EntityNormalizer.phoneRegionOf(originAgency));
            return new EntityField(entity.kind().name(), entity.value(), Folding.fold(entity.value()), normal.normalized(),
                    normal.valid(), entity.attributes().isEmpty() ? null : entity.attributes(),
                    MatchKeys.of(entity, originAgency).orElse(null));
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
                    n.status().name(), List.of(), provenance, null);
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
                provenance, null);
    }

    /** The same document with the ids of the objects the notice is exported as (none for a withdrawn notice's tombstone). */
    NoticeDocument withExportIds(List<String> ids) {
        return new NoticeDocument(noticeId, region, originAgency, type, language, title, summary, folded, issuedAt, validUntil,
                classification, handlingCode, handlingNote, tlp, releasableTo, dissemination, sourceReliability,
                infoReliability, caseRef, version, status, entities, provenance,
                ids == null || ids.isEmpty() || NoticeStatus.WITHDRAWN.name().equals(status) ? null : List.copyOf(ids));
    }

    StoredVersion storedVersion() {
        return new StoredVersion(originAgency, version == null ? 1 : version, Instant.parse(issuedAt),
                provenance == null ? null : provenance.peer());
    }

    FetchedNotice toFetched() {
        Markings markings = markings();
        Notice notice = new Notice(UUID.fromString(noticeId), NoticeType.valueOf(type), title, summary, language,
                Instant.parse(issuedAt), validUntil == null ? null : Instant.parse(validUntil), markings, sourceReliability,
                infoReliability, caseRef, entities == null ? List.of() : entities.stream()
                        .map(e -> new Entity(EntityKind.valueOf(e.kind()), e.value(), e.attributes())).toList(),
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

    EntityHoldings.Holding toHolding() {
        return new EntityHoldings.Holding(UUID.fromString(noticeId), markings(), caseRef, entities == null ? Set.of()
                : entities.stream().map(EntityField::matchKey).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet()));
    }

    NoticeSummary toSummary() {
        return new NoticeSummary(UUID.fromString(noticeId), region, originAgency, NoticeType.valueOf(type), title, summary,
                language, Classification.valueOf(classification), Tlp.ofLabel(tlp), HandlingCode.valueOf(handlingCode),
                Instant.parse(issuedAt));
    }
}
