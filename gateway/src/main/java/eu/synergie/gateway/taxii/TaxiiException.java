package eu.synergie.gateway.taxii;

import org.springframework.http.HttpStatus;

/**
 * A TAXII request refused, with what its error message says: the status, a title, a description that names the check
 * that failed (never notice content, a token or a class name) and a stable code.
 */
final class TaxiiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String code;
    private final String allow;

    TaxiiException(HttpStatus status, String title, String code, String description) {
        this(status, title, code, description, null);
    }

    private TaxiiException(HttpStatus status, String title, String code, String description, String allow) {
        super(description, null, false, false);
        this.status = status;
        this.title = title;
        this.code = code;
        this.allow = allow;
    }

    /** The same refusal of a method, naming the methods the resource answers ({@code Allow}, RFC 9110 §10.2.1). */
    TaxiiException allowing(String methods) {
        return new TaxiiException(status, title, code, getMessage(), methods);
    }

    /** The methods the resource answers, for a 405; null otherwise. */
    String allow() {
        return allow;
    }

    static TaxiiException badRequest(String description) {
        return new TaxiiException(HttpStatus.BAD_REQUEST, "Bad request", "INVALID_PARAMETER", description);
    }

    /** A collection or object that does not exist for this caller, whether it does not exist at all or may not be read. */
    static TaxiiException notFound(String what) {
        return new TaxiiException(HttpStatus.NOT_FOUND, "Not found", "NOT_FOUND", what + " is not available to this client");
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }

    String code() {
        return code;
    }
}
