package eu.synergie.client;

/** The exchange has no batch endpoint (an older version): publish one envelope per request instead. */
public final class BatchUnsupportedException extends SynergieClientException {

    public BatchUnsupportedException(String message) {
        super(message, null);
    }
}
