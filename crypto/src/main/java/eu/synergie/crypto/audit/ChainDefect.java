package eu.synergie.crypto.audit;

/** What is wrong at a broken link of a hash chain. */
public enum ChainDefect {
    /** The entry's content does not match its hash, or (found through the next link) it was changed and re-hashed. */
    ALTERED,
    /** The entry does not belong to the chain it names: a sequence number taken twice, a fork, a chain without its start. */
    INSERTED,
    /** Entries of the chain are missing before this one: its sequence skips numbers. */
    REMOVED,
    /** The entry is not an entry of a hash chain at all (unreadable, or fields missing). */
    MALFORMED,
    /**
     * The exchange's signature does not vouch for the entry: a checkpoint whose signature does not verify or that
     * names another head than the one it follows, or an entry appended after its writer's final checkpoint.
     */
    FORGED,
    /**
     * Entries that no signed checkpoint covers, appended longer ago than their writer takes to sign its head:
     * the writer stopped without signing them (killed), or they were forged (a chain of a writer that never
     * existed, or entries appended after the last checkpoint of a writer gone quiet).
     */
    UNSIGNED_TAIL,
    /**
     * The log holds more writers' chains than a walk follows: the entries of the writers beyond the limit were not
     * checked (junk chains appended to exhaust the walk, or a limit too low for the log). Reported once, with the count.
     */
    TOO_MANY_WRITERS
}
