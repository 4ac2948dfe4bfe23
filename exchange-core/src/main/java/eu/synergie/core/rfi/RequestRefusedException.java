package eu.synergie.core.rfi;

/** A step the request's state or the caller's side does not allow; the message says which, without the thread's content. */
public final class RequestRefusedException extends RuntimeException {

    public RequestRefusedException(String message) {
        super(message);
    }
}
