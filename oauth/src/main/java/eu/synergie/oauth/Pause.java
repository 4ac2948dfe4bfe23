package eu.synergie.oauth;

import java.time.Duration;

/** Waiting between attempts; tests replace it so that they do not wait. */
@FunctionalInterface
public interface Pause {

    Pause THREAD = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
