package eu.synergie.search;

/**
 * How notice indices are created.
 *
 * @param replicas replicas per shard: 0 on a single node, at least 1 on a production cluster
 * @param shards   primary shards of each region's generation of the notice index, given when a generation is made: for
 *                 a cluster, where a region's shards land on different nodes. On one node each shard repeats a search's
 *                 fixed work (measured at 10 M notices on two cores: with two, a quarter to a half more CPU per
 *                 search and a longer tail), and the sightings' ranking of values, exact within one shard, becomes
 *                 approximate. The audit and reports indices keep one
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
