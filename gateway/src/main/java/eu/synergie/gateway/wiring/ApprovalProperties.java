package eu.synergie.gateway.wiring;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Four-eyes approvals, {@code synergie.approvals.*}, checked at start-up.
 *
 * @param sweepInterval how often requests past their expiry are closed as expired (and first run after start)
 * @param groupId       the consumer group of {@code synergie.approvals} that the instances share: the one holding it
 *                      tells the listeners of each approval and runs the expiry sweep
 * @param revealExpiry  how long a reveal request of a protected person waits for its two approvals
 */
@Validated
@ConfigurationProperties("synergie.approvals")
public record ApprovalProperties(@DefaultValue("1m") @NotNull Duration sweepInterval,
                                 @DefaultValue("synergie-approvals") @NotBlank String groupId,
                                 @DefaultValue("14d") @NotNull Duration revealExpiry) {
}
