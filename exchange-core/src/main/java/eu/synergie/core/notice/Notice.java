package eu.synergie.core.notice;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A case notice, as the originating agency wrote and signed it. Invalid notices cannot be built: the
 * constructor names the first field that is wrong.
 */
public record Notice(UUID noticeId, NoticeType type, String title, String summary, String language,
                     Instant issuedAt, Instant validUntil, Markings markings, String sourceReliability,
                     String infoReliability, String caseRef, List<Entity> entities, int version, NoticeStatus status) {

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
        require(version >= 1, "version must be 1 or more");
        status = status == null ? NoticeStatus.ACTIVE : status;
    }

    /** A first version, standing. */
    public Notice(UUID noticeId, NoticeType type, String title, String summary, String language, Instant issuedAt,
                  Instant validUntil, Markings markings, String sourceReliability, String infoReliability, String caseRef,
                  List<Entity> entities) {
        this(noticeId, type, title, summary, language, issuedAt, validUntil, markings, sourceReliability, infoReliability,
                caseRef, entities, 1, NoticeStatus.ACTIVE);
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

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
