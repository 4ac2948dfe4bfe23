package eu.synergie.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * What happened to a request, as written to {@code synergie.approvals} (keyed by request id, so that a request's
 * events keep their order) and folded by {@link Approvals}. Past tense: each is a fact the log records, not an
 * order; whether it took effect is the fold's to say.
 */
public sealed interface ApprovalEvent {

    String requestId();

    Instant at();

    /** The request was made: it waits for its approvals. */
    record Requested(ApprovalRequest request) implements ApprovalEvent {

        public Requested {
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String requestId() {
            return request.id();
        }

        @Override
        public Instant at() {
            return request.createdAt();
        }
    }

    /** {@code by}, a release approver of {@code agency}, approved. */
    record Approved(String requestId, String by, String agency, Instant at) implements ApprovalEvent {

        public Approved {
            requireAll(requestId, by, agency, at);
        }
    }

    /** {@code by}, a release approver of {@code agency}, rejected: the request ends. */
    record Rejected(String requestId, String by, String agency, Instant at) implements ApprovalEvent {

        public Rejected {
            requireAll(requestId, by, agency, at);
        }
    }

    /**
     * {@code by}, of the owning {@code agency}, answered an approved reveal: {@code envelope} is a CMS envelope the
     * exchange cannot open, for the requester's agency only. Kept in the log and never indexed.
     */
    record Answered(String requestId, String by, String agency, Instant at, byte[] envelope) implements ApprovalEvent {

        public Answered {
            requireAll(requestId, by, agency, at);
            if (envelope == null || envelope.length == 0) {
                throw new IllegalArgumentException("an answer holds its envelope");
            }
            envelope = envelope.clone();
        }

        @Override
        public byte[] envelope() {
            return envelope.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Answered a && requestId.equals(a.requestId) && by.equals(a.by) && agency.equals(a.agency)
                    && at.equals(a.at) && java.util.Arrays.equals(envelope, a.envelope);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, by, agency, at, java.util.Arrays.hashCode(envelope));
        }

        @Override
        public String toString() {
            return "Answered[" + requestId + " by " + by + " of " + agency + " at " + at + ", " + envelope.length + " bytes]";
        }
    }

    /** The request reached its expiry undecided (written by the exchange's sweep). */
    record Expired(String requestId, Instant at) implements ApprovalEvent {

        public Expired {
            Objects.requireNonNull(at, "at is required");
            if (requestId == null || requestId.isBlank()) {
                throw new IllegalArgumentException("an approval event names its request");
            }
        }
    }

    private static void requireAll(String requestId, String by, String agency, Instant at) {
        Objects.requireNonNull(at, "at is required");
        for (String value : new String[] {requestId, by, agency}) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("an approval event names its request, who and which agency");
            }
        }
    }
}
