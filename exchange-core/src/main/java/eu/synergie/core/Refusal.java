package eu.synergie.core;

import java.util.Objects;

/**
 * Why a request is refused: whose fault ({@link Kind}) and a stable code naming the failed check (for
 * example {@code CERTIFICATE_REVOKED}), the same on the API, in dead letters and in metrics.
 */
public record Refusal(Kind kind, String reason) {

    /** Whose fault it is, which decides the answer's status. */
    public enum Kind {
        /** The request cannot be read: its form, syntax or encoding. */
        MALFORMED,
        /** The request is too large to be read at all. */
        TOO_LARGE,
        /** Well formed, but the exchange cannot accept what it says. */
        UNPROCESSABLE,
        /** The caller may not do this. */
        FORBIDDEN,
        /** Nothing of that name exists for this caller. */
        NOT_FOUND,
        /** It contradicts the current state (already exists, already running). */
        CONFLICT
    }

    public Refusal {
        Objects.requireNonNull(kind, "kind");
        if (reason == null || !reason.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("reason must be an UPPER_SNAKE code");
        }
    }
}
