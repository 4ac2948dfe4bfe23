package eu.synergie.gateway.approval;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.approval.ApprovalDecision;

import java.util.Objects;

/**
 * A request or decision refused by the approval rules: its {@link ApprovalDecision.Reason} and that reason's
 * {@link eu.synergie.core.Refusal} (answered as an RFC 9457 problem by the API). A request of another agency is
 * refused exactly as an unknown one: the caller does not learn that it exists.
 */
public final class ApprovalRefusedException extends ExchangeException.Refused {

    static final String NOT_FOUND = "no approval request of your agency has this id";

    private final ApprovalDecision.Reason reason;

    ApprovalRefusedException(ApprovalDecision.Reason reason, String detail) {
        super(reason.refusal(), detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The refusal as the caller may see it: another agency's request reads as an unknown one, word for word. */
    static ApprovalRefusedException of(ApprovalDecision.Refused refused) {
        return switch (refused.reason()) {
            case UNKNOWN_REQUEST, OTHER_AGENCY -> notFound();
            default -> new ApprovalRefusedException(refused.reason(), refused.detail());
        };
    }

    static ApprovalRefusedException notFound() {
        return new ApprovalRefusedException(ApprovalDecision.Reason.UNKNOWN_REQUEST, NOT_FOUND);
    }

    /** Why, as the rules name it ({@code OTHER_AGENCY} never appears here: it reads as {@code UNKNOWN_REQUEST}). */
    public ApprovalDecision.Reason reason() {
        return reason;
    }
}
