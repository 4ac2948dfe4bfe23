package eu.synergie.core.ingestion;

import java.util.List;

/** Where rejected envelopes go ({@code synergie.deadletter}). */
public interface DeadLetters {

    /** Returns once the dead letters are durably written. */
    void send(List<DeadLetter> letters);
}
