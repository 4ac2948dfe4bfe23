package eu.synergie.gateway.wiring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's settings, {@code synergie.*}, checked at start-up (an error names the key). Every
 * {@code synergie.*} key is read here or in the records of its own part ({@code synergie.audit.*},
 * {@code synergie.access.*}, {@code synergie.limits.*}), never with {@code @Value} or from the environment.
 *
 * @param home          where the exchange keeps its keys ({@code keys/}) and demo material
 * @param regions       the regions this exchange serves; each gets a topic, an index and a recipient key
 * @param keysPassword  protects the PKCS#12 key stores; from the environment ({@code SYNERGIE_KEYS_PASSWORD}), never the repository
 * @param maxEnvelopeBytes the largest envelope accepted
 * @param topics        partitions and replication of the notice topics
 * @param search        replicas and shards of the notice indices, and the vocabulary searches expand over
 * @param ingestion     the indexer's consumers and memory
 * @param trust         agency certificates
 * @param matching      hits and alerts
 * @param retention     the expiry sweep
 * @param demo          whether to load the demo agencies and notices at start
 */
@Validated
@ConfigurationProperties("synergie")
public record SynergieProperties(@NotNull Path home, @NotEmpty List<@NotBlank String> regions,
                                 @NotBlank String keysPassword, @Min(1024) int maxEnvelopeBytes,
                                 @NotNull @Valid Topics topics, @NotNull @Valid Search search, @NotNull @Valid Ingestion ingestion,
                                 @NotNull @Valid Trust trust, @NotNull @Valid Matching matching, @NotNull @Valid Retention retention,
                                 @NotNull Demo demo) {

    /**
     * @param certificateValidity how long an agency certificate issued from a CSR is valid
     * @param catchUpMargin       how long after its append time a trust record may take to reach this instance
     *                            (replication, the broker's clock against the gateway's): the indexer catches the
     *                            registry up before a batch appended less than this before the registry was last current
     * @param profileLead         how far ahead a region's envelope-profile switch must be dated, so that every instance
     *                            knows of it before it takes effect
     */
    public record Trust(@NotNull Duration certificateValidity, @NotNull Duration catchUpMargin, @NotNull Duration profileLead) {
    }

    /**
     * @param retention      how long the notice topics keep envelopes (the system of record: long)
     * @param stampMaxDelay  how long after the exchange signed or authenticated a record of its own topics (trust,
     *                       watchlists, alerts) the broker may append it: a record appended later is a replay
     */
    public record Topics(@Min(1) int partitions, @Min(1) short replication, @NotNull Duration appendTimeout,
                         @NotNull Duration retention, @NotNull Duration stampMaxDelay) {
    }

    /**
     * @param replicas   replicas per shard of the notice, audit and reports indices
     * @param shards     primary shards of each region's generation of the notice index (new generations only)
     * @param vocabulary an operator's crime-concept vocabulary (JSON-LD, the shape of the built-in
     *                   {@code vocabulary/crime-concepts.jsonld}), or null for the built-in one
     */
    public record Search(@Min(0) int replicas, @Min(1) int shards, Path vocabulary) {
    }

    /**
     * @param consumers      indexer consumers in this instance, sharing the partitions of the region topics
     * @param openedCache    the decrypted, verified content of envelopes opened on publish, kept until the
     *                       indexer reads them so that it need not decrypt and verify them again (by content bytes)
     * @param maxBacklog     notices appended and not yet indexed above which publishing waits for the indexers
     * @param maxPublishWait the longest one envelope waits for them (it is then accepted all the same)
     * @param groupId        the indexers' consumer group, shared by every instance
     * @param retryMaxInterval the longest pause between two tries of a batch that failed (back-off from 0.5 s,
     *                       doubling): how long after Elasticsearch comes back the indexer at most waits
     * @param batchRecords   the most envelopes one indexer batch takes from the log (its consumers' max.poll.records)
     */
    public record Ingestion(@Min(1) int consumers, @NotNull DataSize openedCache, @Min(1) long maxBacklog,
                            @NotNull Duration maxPublishWait, @NotBlank String groupId, @NotNull Duration retryMaxInterval,
                            @Min(1) int batchRecords) {
    }

    /**
     * @param overCorrelationThreshold values held by more notices than this stop correlating (reported once instead)
     * @param alertsKeptPerAgency      alerts each agency's inbox keeps in memory, newest first
     */
    public record Matching(@Min(2) int overCorrelationThreshold, @Min(1) int alertsKeptPerAgency) {
    }

    /** @param sweepInterval how often expired notices are removed from the index (and first run after start) */
    public record Retention(@NotNull Duration sweepInterval) {
    }

    public record Demo(boolean enabled) {
    }
}
