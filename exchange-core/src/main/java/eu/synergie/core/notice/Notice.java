package eu.synergie.core.notice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A case notice, as the originating agency wrote and signed it. Invalid notices cannot be built: the
 * constructor names the first field that is wrong.
 */
public record Notice(UUID noticeId, NoticeType type, String title, String summary, String language,
                     Instant issuedAt, Instant validUntil, Markings markings, String sourceReliability,
                     String infoReliability, String caseRef, List<Entity> entities, List<Ownership> relations,
                     TracingRequest request, UUID replyTo, int version, NoticeStatus status) {

    static final Pattern AGENCY = Pattern.compile("[A-Z]{2}-[A-Z0-9]{2,16}");
    static final Pattern REGION = Pattern.compile("[A-Z][A-Z0-9-]{1,31}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern SOURCE = Pattern.compile("[ABCX]");
    private static final Pattern INFO = Pattern.compile("[1-4]");

    public Notice {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(markings, "markings");
        Objects.requireNonNull(issuedAt, "issuedAt");
        require(title != null && !title.isBlank() && title.length() <= 300, "title must be 1 to 300 characters");
        require(summary == null || summary.length() <= 20_000, "summary must be at most 20000 characters");
        require(language != null && LANGUAGE.matcher(language).matches(), "language must be an ISO 639 code such as fr");
        require(validUntil == null || validUntil.isAfter(issuedAt), "validUntil must be after issuedAt");
        require(AGENCY.matcher(markings.originAgency()).matches(), "originAgency must look like FR-DGPN");
        require(REGION.matcher(markings.region()).matches(), "region must look like EU-WEST");
        require(sourceReliability == null || SOURCE.matcher(sourceReliability).matches(), "sourceReliability must be A, B, C or X");
        require(infoReliability == null || INFO.matcher(infoReliability).matches(), "infoReliability must be 1, 2, 3 or 4");
        for (String agency : markings.releasableTo()) {
            require(AGENCY.matcher(agency).matches(), "releasableTo must hold agency codes such as FR-DGPN");
        }
        entities = entities == null ? List.of() : List.copyOf(entities);
        relations = relations == null ? List.of() : List.copyOf(relations);
        checkRelations(entities, relations);
        require(request == null || type == NoticeType.ASSET_TRACING, "request is only for an ASSET_TRACING notice");
        require(request == null || !request.replyBy().isBefore(issuedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate()),
                "request.replyBy must not be before the notice is issued");
        require(replyTo == null || type == NoticeType.ASSET_TRACING, "replyTo is only for an ASSET_TRACING notice");
        require(replyTo == null || request == null, "a notice is a request or a reply to one, not both");
        require(replyTo == null || !replyTo.equals(noticeId), "a notice cannot reply to itself");
        require(version >= 1, "version must be 1 or more");
        status = status == null ? NoticeStatus.ACTIVE : status;
    }

    /** A notice that is neither a tracing request nor a reply. */
    public Notice(UUID noticeId, NoticeType type, String title, String summary, String language, Instant issuedAt,
                  Instant validUntil, Markings markings, String sourceReliability, String infoReliability, String caseRef,
                  List<Entity> entities, List<Ownership> relations, int version, NoticeStatus status) {
        this(noticeId, type, title, summary, language, issuedAt, validUntil, markings, sourceReliability, infoReliability,
                caseRef, entities, relations, null, null, version, status);
    }

    /** A notice without ownership relations. */
    public Notice(UUID noticeId, NoticeType type, String title, String summary, String language, Instant issuedAt,
                  Instant validUntil, Markings markings, String sourceReliability, String infoReliability, String caseRef,
                  List<Entity> entities, int version, NoticeStatus status) {
        this(noticeId, type, title, summary, language, issuedAt, validUntil, markings, sourceReliability, infoReliability,
                caseRef, entities, List.of(), null, null, version, status);
    }

    /** A first version, standing. */
    public Notice(UUID noticeId, NoticeType type, String title, String summary, String language, Instant issuedAt,
                  Instant validUntil, Markings markings, String sourceReliability, String infoReliability, String caseRef,
                  List<Entity> entities) {
        this(noticeId, type, title, summary, language, issuedAt, validUntil, markings, sourceReliability, infoReliability,
                caseRef, entities, List.of(), null, null, 1, NoticeStatus.ACTIVE);
    }

    /**
     * Does this version supersede {@code other} of the same notice? A higher {@code version} wins; at equal
     * versions, the later {@code issuedAt}. Equal on both: the same version, delivered again.
     */
    public int compareVersion(int otherVersion, Instant otherIssuedAt) {
        int byVersion = Integer.compare(version, otherVersion);
        return byVersion != 0 ? byVersion : issuedAt.compareTo(otherIssuedAt);
    }

    public String region() {
        return markings.region();
    }

    public String originAgency() {
        return markings.originAgency();
    }

    /**
     * Relations point at entities of this notice by ref: refs are unique, an owner is a person, an organisation or a
     * company, what is owned is an asset, and the shares still held in one asset, of one kind, add up to 100 % at most.
     */
    private static void checkRelations(List<Entity> entities, List<Ownership> relations) {
        Map<String, Entity> byRef = new HashMap<>();
        for (Entity entity : entities) {
            require(entity.ref() == null || byRef.putIfAbsent(entity.ref(), entity) == null,
                    "entities.ref must be unique in a notice: " + entity.ref() + " is given twice");
        }
        Map<String, BigDecimal> held = new HashMap<>();
        for (Ownership relation : relations) {
            Entity owner = byRef.get(relation.owner());
            Entity owned = byRef.get(relation.owned());
            require(owner != null, "relations.owner " + relation.owner() + " is not the ref of an entity of this notice");
            require(owned != null, "relations.owned " + relation.owned() + " is not the ref of an entity of this notice");
            require(owner.kind() == EntityKind.PERSON || owner.kind() == EntityKind.ORGANIZATION
                            || (owner.asset() != null && owner.asset().type() == AssetType.COMPANY),
                    "relations.owner " + relation.owner() + " must be a PERSON, an ORGANIZATION or a COMPANY asset");
            require(owned.kind() == EntityKind.ASSET, "relations.owned " + relation.owned() + " must be an ASSET");
            if (relation.share() != null && relation.to() == null) {
                BigDecimal sum = held.merge(relation.owned() + "|" + relation.kind(), relation.share(), BigDecimal::add);
                require(sum.compareTo(BigDecimal.valueOf(100)) <= 0, "relations.share: the " + relation.kind()
                        + " shares held in " + relation.owned() + " add up to more than 100 %");
            }
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
