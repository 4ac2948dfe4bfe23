package eu.synergie.client;

import java.time.Duration;

/** Waiting between attempts; tests replace it so that they do not wait. */
@FunctionalInterface
interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
