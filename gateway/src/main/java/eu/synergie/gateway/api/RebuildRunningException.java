package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;
import eu.synergie.core.ingestion.RebuildProgress;

import java.util.Map;

/** A rebuild was asked for a region whose rebuild is still running; the answer carries its progress. */
final class RebuildRunningException extends ExchangeException.Refused {

    private final transient RebuildProgress running;

    RebuildRunningException(RebuildProgress running) {
        super(new Refusal(Refusal.Kind.CONFLICT, "REBUILD_RUNNING"), "a rebuild of " + running.region() + " is already running",
                false);
        this.running = running;
    }

    @Override
    public Map<String, Object> facts() {
        return Map.of("progress", running);
    }
}
