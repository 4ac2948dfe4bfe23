package eu.synergie.search;

/**
 * How notice indices are created.
 *
 * @param replicas replicas per shard: 0 on a single node, at least 1 on a production cluster
 */
public record IndexSettings(int replicas) {

    public IndexSettings {
        if (replicas < 0) {
            throw new IllegalArgumentException("synergie.search.replicas must be 0 or more");
        }
    }
}
