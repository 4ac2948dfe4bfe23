package eu.synergie.crypto.audit;

/** The result of walking a log of hash-chained entries. */
public sealed interface ChainVerification {

    /** How many entries were read. */
    long entries();

    /**
     * Every entry matches its hash and continues its writer's chain.
     *
     * @param chains how many writers' chains the log holds
     */
    record Intact(long entries, int chains) implements ChainVerification {
    }

    /**
     * The first broken link.
     *
     * @param position where the defective entry is in the log (for Kafka, its offset)
     * @param defect   what is wrong with it
     * @param detail   which check failed, naming the writer and sequence numbers, never the event's content
     */
    record Broken(long entries, long position, ChainDefect defect, String detail) implements ChainVerification {
    }
}
