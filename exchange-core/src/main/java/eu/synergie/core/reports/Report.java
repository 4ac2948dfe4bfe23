package eu.synergie.core.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A report as the exchange keeps it: who sent it and to whom in the clear (to route it and show its status), what it
 * says only sealed ({@link #envelope()}: a CMS envelope the exchange signs on arrival, encrypted to the region's desk
 * key and to the addressee agency's certificates), and the messages the addressee sent back, sealed alike.
 *
 * @param organisation the partner organisation (the reporter's token {@code agency} claim, e.g. {@code NGO-ALC}), or
 *                     {@link #ANONYMOUS} for a whistle-blower's report
 * @param reporter     the partner account that sent it: the only one outside the addressee who sees it; for an
 *                     anonymous report, {@code receipt:} and a keyed hash of its receipt code (never the code)
 * @param region       the region the facts concern: its triage desk's key opens the report
 * @param addressee    the agency it is for; null for the region's triage desk (any analyst of the region)
 * @param secret       for an anonymous report, the bcrypt hash of the passphrase that reopens its thread; null otherwise
 * @param version      the document's revision in the store, for a change that must not overwrite a concurrent one
 */
public record Report(String id, String organisation, String reporter, String region, String addressee,
                     Instant submittedAt, ReportStatus status, Instant statusAt, String statusBy, String noticeId,
                     byte[] envelope, List<Message> messages, String secret, long version) {

    /** The organisation of a report sent anonymously (a whistle-blower's, without an account). */
    public static final String ANONYMOUS = "anonymous";

    /**
     * A message in the report's thread, its text sealed like the report.
     *
     * @param agency the addressee's agency that wrote it; null when the reporter wrote it (an anonymous thread)
     */
    public record Message(Instant at, String agency, String by, byte[] envelope) {
    }

    public Report {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(envelope, "envelope");
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** This report in {@code status}, set by {@code by} at {@code at}. */
    public Report withStatus(ReportStatus next, Instant at, String by, String notice) {
        return new Report(id, organisation, reporter, region, addressee, submittedAt, next, at, by,
                notice == null ? noticeId : notice, envelope, messages, secret, version);
    }

    /** This report with one more message. */
    public Report withMessage(Message message) {
        List<Message> all = new ArrayList<>(messages);
        all.add(message);
        return new Report(id, organisation, reporter, region, addressee, submittedAt, status, statusAt, statusBy, noticeId,
                envelope, all, secret, version);
    }

    /** Records have array equality by reference: compare what matters (the store's revision included). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Report r && id.equals(r.id) && version == r.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Report[" + id + " " + status + " v" + version + "]";
    }
}
