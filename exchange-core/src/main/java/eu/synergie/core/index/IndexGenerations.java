package eu.synergie.core.index;

/**
 * The index of a region as a series of generations, so that it can be rebuilt from the log while the
 * current one serves searches, then switched in one step.
 */
public interface IndexGenerations {

    /** Creates an empty generation for {@code region}: not searchable, not written by the live indexer. */
    String newGeneration(String region);

    /** The index as seen by an indexer that writes into {@code generation} only. */
    NoticeIndexWriter writingTo(String generation);

    /** Makes {@code generation} the region's searchable and live-written index; returns the generations it replaced. */
    java.util.List<String> promote(String region, String generation);

    /** Deletes generations no longer in use. */
    void drop(java.util.List<String> generations);
}
