package eu.synergie.gateway.wiring;

import org.springframework.context.SmartLifecycle;

/**
 * A step of the gateway's start, done once in its phase (lower phases first, the Kafka listener containers last at
 * {@code Integer.MAX_VALUE - 100}) and undone at stop. A step that throws stops the start.
 */
abstract class StartStep implements SmartLifecycle {

    private final int phase;
    private volatile boolean running;

    StartStep(int phase) {
        this.phase = phase;
    }

    /** The step itself; throws to stop the gateway's start. */
    abstract void begin();

    /** What stopping undoes; nothing unless overridden. */
    void end() {
    }

    @Override
    public final void start() {
        begin();
        running = true;
    }

    @Override
    public final void stop() {
        end();
        running = false;
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public final int getPhase() {
        return phase;
    }
}
