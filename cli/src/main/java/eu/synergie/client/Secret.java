package eu.synergie.client;

import java.util.Objects;

/**
 * A client secret or password: it can be handed around and logged by accident without harm, since
 * nothing but {@link #reveal()} ever shows its value.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "secret");
    }

    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        return new Secret(value);
    }

    /** The value, for the one place that must send it. */
    public String reveal() {
        return value;
    }

    public char[] toCharArray() {
        return value.toCharArray();
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
