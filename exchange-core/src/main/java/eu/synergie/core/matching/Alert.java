package eu.synergie.core.matching;

import eu.synergie.core.notice.Markings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * Something the matcher tells an agency or an analyst. Holds ids, agencies and markings, never notice
 * content. The id is derived from what the alert is about, so the same hit found again (a redelivered
 * batch, a new version) is the same alert.
 *
 * @param recipientAgency  the agency told (hits, over-correlation), or the watchlist owner's agency
 * @param recipientSubject the analyst told (watchlist alerts), or null for the whole agency
 * @param noticeId         the recipient's own notice that has the hit, or the notice a watchlist matched
 * @param markings         markings of {@code noticeId}: who of the recipients may see the alert at all
 * @param entityKind       what matched, in the recipient's own terms (its own entity, or its watched value)
 * @param form             how much of the other side may be shown
 * @param otherNoticeId    the other agency's notice: kept for the audit of the disclosure, shown only in
 *                         the FULL form to a reader who may open it (see {@link AlertInbox#shownTo})
 * @param otherMarkings    its markings, to decide that
 * @param contactRef       the other originator's case reference to quote when contacting it
 * @param sharedBy         for over-correlation, how many notices share the value
 */
public record Alert(String id, Kind kind, String recipientAgency, String recipientSubject, Instant at, UUID noticeId,
                    Markings markings, String entityKind, String entityValue, Form form, UUID otherNoticeId,
                    String otherAgency, Markings otherMarkings, String contactRef, String watchlistId,
                    String watchlistName, long sharedBy) {

    public enum Kind { HIT, WATCHLIST, OVER_CORRELATION }

    /** FULL: the other notice is named (opening it still follows the access rule); POINTER: only its holder. */
    public enum Form { FULL, POINTER }

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipientAgency, "recipientAgency");
    }

    static String idOf(Object... parts) {
        StringBuilder s = new StringBuilder();
        for (Object part : parts) {
            s.append(part).append('\u0001');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The same alert without the other notice's id: what a reader who may not open that notice gets. */
    public Alert asPointer() {
        return new Alert(id, kind, recipientAgency, recipientSubject, at, noticeId, markings, entityKind, entityValue,
                Form.POINTER, null, otherAgency, null, contactRef, watchlistId, watchlistName, sharedBy);
    }
}
