package eu.synergie.core.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something held until people of the owning agency approve it: a notice to release to its region (four-eyes
 * release), or a pointer to a notice a peer exchange's agency asks for after a hit. The mechanism does not look
 * into {@link Subject}: it records what would be released and to whom, for the approvers, the audit and the caller
 * that acts once it is approved.
 *
 * @param id                chosen by the caller, stable for the same thing asked again (e.g. a hit's
 *                          {@code HitMatch.id()}), so that asking twice is one request
 * @param agency            the agency that owns what is held: only its {@code release-approver}s decide
 * @param requestedBy       who asked or authored it (a user's subject, or a peer's {@code exchange:agency}): never
 *                          one of its approvers
 * @param approvalsRequired how many different people must approve: 1 (four-eyes release: the author and one more)
 *                          or 2 (a pointer disclosure)
 * @param expiresAt         after this instant no decision is taken and the request is expired
 */
public record ApprovalRequest(String id, Subject subject, String agency, String requestedBy, int approvalsRequired,
                              Instant createdAt, Instant expiresAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Justification justification) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /**
     * What would be released, and to whom.
     *
     * @param noticeId  the notice held, or pointed to
     * @param recipient who would receive it: the region of a four-eyes release, the asking exchange and agency of
     *                  a pointer disclosure
     */
    public record Subject(Kind kind, String noticeId, String recipient,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String item) {

        public enum Kind {
            /** A notice accepted but shown only to its agency's approvers until released to its region. */
            NOTICE_RELEASE,
            /** A pointer (agency, contact, case reference) to a notice, for a peer's agency after a hit. */
            POINTER_DISCLOSURE,
            /**
             * Who a protected person of a notice is, for an analyst of another agency: {@code item} is the person's
             * pseudonym, {@code recipient} the requester's agency.
             */
            PERSON_REVEAL
        }

        /** @param item what of the notice is asked for: a protected person's pseudonym; null for the other kinds */
        public Subject {
            Objects.requireNonNull(kind, "subject kind is required");
            requireText(noticeId, "subject noticeId");
            requireText(recipient, "subject recipient");
            if ((kind == Kind.PERSON_REVEAL) != (item != null)) {
                throw new IllegalArgumentException(kind == Kind.PERSON_REVEAL ? "a reveal names the pseudonym asked for"
                        : "only a reveal names an item");
            }
            if (item != null) {
                requireText(item, "subject item");
            }
        }

        public Subject(Kind kind, String noticeId, String recipient) {
            this(kind, noticeId, recipient, null);
        }
    }

    /**
     * Why the requester asks, for the approvers to decide on (a reveal's): the case it is for, the law that allows it,
     * and the requester's own words. Shown to the owning agency's approvers, never indexed.
     */
    public record Justification(String purpose, String legalBasis, String reason) {

        public Justification {
            requireText(purpose, "purpose");
            requireText(legalBasis, "legalBasis");
            if (reason == null || reason.isBlank() || reason.length() > 2000) {
                throw new IllegalArgumentException("reason must be 1 to 2000 characters");
            }
        }
    }

    public ApprovalRequest {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1 to 128 letters, digits or . _ : -");
        }
        Objects.requireNonNull(subject, "subject is required");
        requireText(agency, "agency");
        requireText(requestedBy, "requestedBy");
        if (approvalsRequired < 1 || approvalsRequired > 2) {
            throw new IllegalArgumentException("approvalsRequired must be 1 or 2");
        }
        Objects.requireNonNull(createdAt, "createdAt is required");
        Objects.requireNonNull(expiresAt, "expiresAt is required");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiresAt must be after createdAt");
        }
        if (subject.kind() == Subject.Kind.PERSON_REVEAL && (justification == null || approvalsRequired != 2)) {
            throw new IllegalArgumentException("a reveal is justified and needs two approvals");
        }
    }

    public ApprovalRequest(String id, Subject subject, String agency, String requestedBy, int approvalsRequired,
                           Instant createdAt, Instant expiresAt) {
        this(id, subject, agency, requestedBy, approvalsRequired, createdAt, expiresAt, null);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException(field + " must be 1 to 200 characters");
        }
    }
}
