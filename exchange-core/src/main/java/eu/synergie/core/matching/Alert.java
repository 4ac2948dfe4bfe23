package eu.synergie.core.matching;

import eu.synergie.core.notice.Markings;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something the matcher tells an agency or an analyst: a hit on another agency's notice, a watchlist match, or a
 * value that stopped correlating. Holds ids, agencies and markings, never notice content. The id is derived from
 * what the alert is about, so the same hit found again (a redelivered batch, a new version) is the same alert.
 * Every alert is about one of the recipient's notices (or one they may read), whose markings decide who of the
 * recipients may see it at all.
 */
public sealed interface Alert {

    /** The kinds, as named on the topic and in the API. */
    enum Kind { HIT, WATCHLIST, OVER_CORRELATION, TREND }

    /** FULL: the other notice is named (opening it still follows the access rule); POINTER: only its holder. */
    enum Form { FULL, POINTER }

    String id();

    Kind kind();

    /** The agency told (hits, over-correlation), or the watchlist owner's agency. */
    String recipientAgency();

    /** The analyst told (watchlist alerts), or null for the whole agency. */
    default String recipientSubject() {
        return null;
    }

    Instant at();

    /**
     * The recipient's own notice that has the hit or holds the value, or the notice a watchlist matched; null for a
     * {@link TrendRise}, which is about counts, not a notice.
     */
    UUID noticeId();

    /** Markings of {@link #noticeId()}: who of the recipients may see the alert at all; null for a {@link TrendRise}. */
    Markings markings();

    /**
     * Another agency's notice shares a value with one of the recipient's.
     *
     * @param entityKind    what matched, in the recipient's own terms
     * @param entityValue   the shared value, normalised
     * @param form          how much of the other side may be shown
     * @param otherNoticeId the other agency's notice: kept for the audit of the disclosure, shown only in the FULL
     *                      form to a reader who may open it (see {@link AlertInbox#shownTo}); null in a pointer
     * @param otherMarkings its markings, to decide that; null in a pointer
     * @param contactRef    the other originator's case reference to quote when contacting it
     */
    record Hit(String id, String recipientAgency, Instant at, UUID noticeId, Markings markings, String entityKind,
               String entityValue, Form form, UUID otherNoticeId, String otherAgency, Markings otherMarkings, String contactRef)
            implements Alert {

        public Hit {
            requireCommon(id, recipientAgency, at, noticeId, markings);
            Objects.requireNonNull(form, "form");
            Objects.requireNonNull(otherAgency, "otherAgency");
        }

        @Override
        public Kind kind() {
            return Kind.HIT;
        }

        /** The same hit without the other notice: what a reader who may not open that notice gets. */
        public Hit asPointer() {
            return new Hit(id, recipientAgency, at, noticeId, markings, entityKind, entityValue, Form.POINTER, null, otherAgency,
                    null, contactRef);
        }
    }

    /**
     * A notice the watchlist's owner may read matched one of their watchlists.
     *
     * @param entityKind   the watched value's kind, or null when the text query matched
     * @param entityValue  the watched value as the owner wrote it, or null when the text query matched
     * @param originAgency the agency that published the notice
     */
    record WatchlistMatch(String id, String recipientAgency, String recipientSubject, Instant at, UUID noticeId,
                          Markings markings, String entityKind, String entityValue, String originAgency, String watchlistId,
                          String watchlistName) implements Alert {

        public WatchlistMatch {
            requireCommon(id, recipientAgency, at, noticeId, markings);
            Objects.requireNonNull(recipientSubject, "recipientSubject");
            Objects.requireNonNull(watchlistId, "watchlistId");
        }

        @Override
        public Kind kind() {
            return Kind.WATCHLIST;
        }
    }

    /**
     * A value of the recipient's notice is held by more notices than the threshold: it no longer correlates.
     *
     * @param sharedBy how many notices hold it
     */
    record OverCorrelation(String id, String recipientAgency, Instant at, UUID noticeId, Markings markings, String entityKind,
                           String entityValue, long sharedBy) implements Alert {

        public OverCorrelation {
            requireCommon(id, recipientAgency, at, noticeId, markings);
        }

        @Override
        public Kind kind() {
            return Kind.OVER_CORRELATION;
        }
    }

    /**
     * The notices of a region and type the subscriber may read rose in the last complete period above what the periods
     * before predict (a watchlist that watches rises, counted under its owner's entitlements as saved): the numbers
     * that say why, never a notice. Shown only to its subscriber, while their token still grants the region.
     *
     * @param period    the period judged, e.g. {@code 2026-W48} or {@code 2026-11}
     * @param expected  the baseline: the mean of the previous periods
     * @param countedUpTo the highest classification counted (the owner's clearance as saved): the alert is shown only to
     *                  a reader cleared for it, since its numbers count such notices
     */
    record TrendRise(String id, String recipientAgency, String recipientSubject, Instant at, String watchlistId,
                     String watchlistName, String region, String type, String period, long observed, double expected,
                     long threshold, double alpha, int historyPeriods,
                     eu.synergie.core.notice.Classification countedUpTo) implements Alert {

        public TrendRise {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(recipientAgency, "recipientAgency");
            Objects.requireNonNull(recipientSubject, "recipientSubject");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(countedUpTo, "countedUpTo");
        }

        @Override
        public Kind kind() {
            return Kind.TREND;
        }

        @Override
        public UUID noticeId() {
            return null;
        }

        @Override
        public Markings markings() {
            return null;
        }
    }

    private static void requireCommon(String id, String recipientAgency, Instant at, UUID noticeId, Markings markings) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipientAgency, "recipientAgency");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(markings, "markings");
    }
}
