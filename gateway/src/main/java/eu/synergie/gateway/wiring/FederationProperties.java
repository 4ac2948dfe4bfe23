package eu.synergie.gateway.wiring;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Federation with peer exchanges, {@code synergie.federation.*}, checked at start-up.
 *
 * @param name          this exchange's name in the network, e.g. {@code EXCH-EU}: its federation certificate's name, the
 *                      name peers register it under and mark notices for, and its Kafka cluster's MirrorMaker 2 alias
 * @param relayInterval how often trust changes are sent to peers
 * @param hitsCap       the most distinct keyed hashes taken from one peer in one epoch (an ISO week): beyond it the
 *                      peer's records are refused, which bounds the guesses it can test against this exchange
 * @param disclosureExpiry how long a pending disclosure after a hit waits for its two approvals
 */
@Validated
@ConfigurationProperties("synergie.federation")
public record FederationProperties(@DefaultValue("SYNERGIE") @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}") String name,
                                   @DefaultValue("500ms") @NotNull Duration relayInterval,
                                   @DefaultValue("200000") @Min(1) int hitsCap,
                                   @DefaultValue("14d") @NotNull Duration disclosureExpiry) {
}
