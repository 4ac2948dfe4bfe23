package eu.synergie.gateway.wiring;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The audit log's settings, {@code synergie.audit.*}, checked at start-up.
 *
 * @param topic         the hash-chained log (one partition, kept forever)
 * @param index         the auditors' Elasticsearch index fed from it
 * @param instance      names this instance's chain ({@code <instance>-<random>}); default: the host name (at most
 *                      {@value #MAX_INSTANCE_LENGTH} characters: writer names are bounded)
 * @param maxPending    entries that may wait for the broker's acknowledgement before audited operations are refused
 * @param maxBlock      how long an append may wait for the producer (metadata, buffer) before it is refused
 * @param verifyTimeout how long the log may stay silent during a verification walk
 * @param groupId       the consumer group that copies the log into the index
 * @param checkpointEvery    this instance signs its chain's head after this many entries
 * @param checkpointInterval and at least this often while entries wait for a signature (and when it stops)
 */
@Validated
@ConfigurationProperties("synergie.audit")
public record AuditProperties(@DefaultValue("synergie.audit") @NotBlank String topic, @DefaultValue("audit") @NotBlank String index,
                              @Size(max = MAX_INSTANCE_LENGTH) String instance, @DefaultValue("10000") @Min(1) int maxPending,
                              @DefaultValue("2s") @NotNull Duration maxBlock, @DefaultValue("30s") @NotNull Duration verifyTimeout,
                              @DefaultValue("synergie-audit-indexer") @NotBlank String groupId,
                              @DefaultValue("1000") @Min(1) int checkpointEvery,
                              @DefaultValue("10s") @NotNull Duration checkpointInterval) {

    /** The longest instance name: with {@code -<random>} it stays within a chain writer's bound. */
    public static final int MAX_INSTANCE_LENGTH = 200;

    /**
     * How long after its last entry a writer's head may stay unsigned before {@code verify} reports an unsigned tail:
     * two intervals and a margin for a slow broker.
     */
    public Duration unsignedGrace() {
        return checkpointInterval.multipliedBy(2).plusSeconds(30);
    }
}
