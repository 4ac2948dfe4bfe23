package eu.synergie.bench;

import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.Folding;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.normal.EntityNormalizer;
import eu.synergie.core.notice.normal.NormalizedValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The document the indexer writes for a notice, rebuilt here for the raw bulk baseline: the same fields,
 * the same folded text, normalised entities and provenance as {@code eu.synergie.search.NoticeDocument}
 * (which is the search module's own and not public), so that Elasticsearch gets the same work either way.
 * Keep the two in step: a field added there and not here makes the baseline too easy.
 */
record BenchDocument(String noticeId, String region, String originAgency, String type, String language, String title,
                     String summary, String folded, String issuedAt, String validUntil, String classification,
                     String handlingCode, String handlingNote, String tlp, List<String> releasableTo,
                     String dissemination, String sourceReliability, String infoReliability, String caseRef,
                     Integer version, String status, List<EntityField> entities, Provenance provenance) {

    record EntityField(String kind, String value, String folded, String normalized, Boolean valid,
                       Map<String, String> attributes) {

        static EntityField of(Entity entity, String originAgency) {
            NormalizedValue normal = EntityNormalizer.normalize(entity.kind(), entity.value(),
                    EntityNormalizer.phoneRegionOf(originAgency));
            return new EntityField(entity.kind().name(), entity.value(), Folding.fold(entity.value()), normal.normalized(),
                    normal.valid(), entity.attributes().isEmpty() ? null : entity.attributes());
        }
    }

    record Provenance(String signerAgency, String certificateSerial, String certificateSha256, String signedAt,
                      String verifiedAt, String topic, int partition, long offset) {
    }

    /** What the indexer knows of the signer after verifying an envelope. */
    record Signer(String agency, String certificateSerial, String certificateSha256) {
    }

    static BenchDocument of(Notice n, Signer signer, Instant signedAt, Instant verifiedAt, int partition, long offset) {
        Markings m = n.markings();
        StringBuilder text = new StringBuilder(n.title());
        if (n.summary() != null) {
            text.append('\n').append(n.summary());
        }
        n.entities().forEach(e -> text.append('\n').append(e.value()));
        return new BenchDocument(n.noticeId().toString(), m.region(), m.originAgency(), n.type().name(), n.language(),
                n.title(), n.summary(), Folding.fold(text.toString()), n.issuedAt().toString(),
                n.validUntil() == null ? null : n.validUntil().toString(), m.classification().name(),
                m.handlingCode().name(), m.handlingNote(), m.tlp().label(), List.copyOf(m.releasableTo()),
                m.dissemination().name(), n.sourceReliability(), n.infoReliability(), n.caseRef(), n.version(),
                n.status().name(),
                n.entities().stream().map(e -> EntityField.of(e, m.originAgency())).toList(),
                new Provenance(signer.agency(), signer.certificateSerial(), signer.certificateSha256(), signedAt.toString(),
                        verifiedAt.toString(), "synergie.notices." + m.region(), partition, offset));
    }
}
