package eu.synergie.gateway.api;

import eu.synergie.core.ingestion.RebuildProgress;

/** A rebuild was asked for a region whose rebuild is still running; the answer carries its progress. */
final class RebuildRunningException extends RuntimeException {

    private final transient RebuildProgress running;

    RebuildRunningException(RebuildProgress running) {
        super("a rebuild of " + running.region() + " is already running", null, false, false);
        this.running = running;
    }

    RebuildProgress running() {
        return running;
    }
}
