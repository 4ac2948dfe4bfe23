package eu.synergie.core.ingestion;

import java.time.Instant;

/**
 * Where a rebuild of a region's index stands.
 *
 * @param total    envelopes in the log when the rebuild started
 * @param read     envelopes read so far (indexed or refused)
 * @param indexed  envelopes that went into the new index
 */
public record RebuildProgress(String region, State state, long total, long read, long indexed, String generation,
                              Instant startedAt, Instant finishedAt, String failure) {

    public enum State { RUNNING, DONE, FAILED }
}
