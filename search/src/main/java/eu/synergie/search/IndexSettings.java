package eu.synergie.search;

/**
 * How notice indices are created.
 *
 * @param replicas replicas per shard: 0 on a single node, at least 1 on a production cluster
 * @param shards   primary shards of each region's generation of the notice index: one query runs on one thread per
 *                 shard, so more shards let a search over a large region use more cores (and cost a little more per
 *                 search in merging the shards' answers); the audit and reports indices keep one
 */
public record IndexSettings(int replicas, int shards) {

    public IndexSettings {
        if (replicas < 0) {
            throw new IllegalArgumentException("synergie.search.replicas must be 0 or more");
        }
        if (shards < 1) {
            throw new IllegalArgumentException("synergie.search.shards must be 1 or more");
        }
    }

    /** One shard per region's generation. */
    public IndexSettings(int replicas) {
        this(replicas, 1);
    }
}
