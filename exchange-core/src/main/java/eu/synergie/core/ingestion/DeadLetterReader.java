package eu.synergie.core.ingestion;

/** The dead letters read back for administrators. */
public interface DeadLetterReader {

    /** Counts by reason and the {@code recentLimit} latest dead letters, over everything the topic holds now. */
    DeadLetterReport read(int recentLimit);
}
