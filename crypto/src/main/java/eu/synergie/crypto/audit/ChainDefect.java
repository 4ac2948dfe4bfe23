package eu.synergie.crypto.audit;

/** What is wrong at the first broken link of a hash chain. */
public enum ChainDefect {
    /** The entry's content does not match its hash, or (found through the next link) it was changed and re-hashed. */
    ALTERED,
    /** The entry does not belong to the chain it names: a sequence number taken twice, a fork, a chain without its start. */
    INSERTED,
    /** Entries of the chain are missing before this one: its sequence skips numbers. */
    REMOVED,
    /** The entry is not an entry of a hash chain at all (unreadable, or fields missing). */
    MALFORMED
}
