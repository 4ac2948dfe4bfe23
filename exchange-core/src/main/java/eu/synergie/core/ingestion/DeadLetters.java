package eu.synergie.core.ingestion;

import java.util.List;

/** Where rejected envelopes go ({@code synergie.deadletter}). */
public interface DeadLetters {

    String TOPIC = "synergie.deadletter";

    /** Returns once the dead letters are durably written. */
    void send(List<DeadLetter> letters);
}
