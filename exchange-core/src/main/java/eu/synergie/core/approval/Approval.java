package eu.synergie.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request and where it stands at some instant.
 *
 * @param approvedBy who approved, in the order the log holds; each person once
 * @param rejectedBy who rejected it, when {@link ApprovalStatus#REJECTED}
 * @param closedAt   when it left {@link ApprovalStatus#PENDING}: the deciding event's time, or its expiry
 * @param answer     the owning agency's answer to an approved reveal, once given (the first one counts)
 */
public record Approval(ApprovalRequest request, ApprovalStatus status, List<String> approvedBy, String rejectedBy,
                       Instant closedAt, ApprovalEvent.Answered answer) {

    public Approval {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        approvedBy = List.copyOf(approvedBy);
    }

    public Approval(ApprovalRequest request, ApprovalStatus status, List<String> approvedBy, String rejectedBy,
                    Instant closedAt) {
        this(request, status, approvedBy, rejectedBy, closedAt, null);
    }

    public String id() {
        return request.id();
    }
}
