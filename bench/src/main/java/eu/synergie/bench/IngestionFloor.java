package eu.synergie.bench;

/**
 * The least CPU a notice can cost on this machine (issue 21): opening its envelope once ({@link OpeningCost}) and
 * indexing its document, as the raw bulk of the same run indexed the same documents (CPU of every process of ours
 * during the raw bulk, per document). With every core doing only that, {@link #noticesPerSecond} is the most the
 * pipeline could reach; the end-to-end rate is read against it.
 *
 * @param openMillis     CPU milliseconds to open one envelope, one thread
 * @param indexMillis    CPU milliseconds of all our processes per document of the raw bulk
 * @param cores          the machine's cores
 */
record IngestionFloor(double openMillis, double indexMillis, int cores) {

    /** The end-to-end target: at least this share of the floor's rate, or {@link #TARGET_RATE}. */
    static final double TARGET_SHARE = 0.85;
    static final double TARGET_RATE = 2_000;

    double millisPerNotice() {
        return openMillis + indexMillis;
    }

    double noticesPerSecond() {
        return cores * 1000 / millisPerNotice();
    }

    boolean met(double rate) {
        return rate >= TARGET_RATE || rate >= TARGET_SHARE * noticesPerSecond();
    }
}
