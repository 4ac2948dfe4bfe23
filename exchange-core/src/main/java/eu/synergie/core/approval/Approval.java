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
 */
public record Approval(ApprovalRequest request, ApprovalStatus status, List<String> approvedBy, String rejectedBy,
                       Instant closedAt) {

    public Approval {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        approvedBy = List.copyOf(approvedBy);
    }

    public String id() {
        return request.id();
    }
}
