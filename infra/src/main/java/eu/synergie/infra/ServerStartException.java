package eu.synergie.infra;

/**
 * A server of the local stack did not start or did not become ready in time. The message names the
 * server and quotes the tail of its log, so that a failing test says why without digging.
 */
public final class ServerStartException extends RuntimeException {

    private final String server;

    ServerStartException(String server, String reason, String logTail) {
        super(server + " did not start: " + reason
                + (logTail.isBlank() ? "" : "\n--- last lines of the " + server + " log ---\n" + logTail));
        this.server = server;
    }

    ServerStartException(String server, String reason, Throwable cause) {
        super(server + " did not start: " + reason, cause);
        this.server = server;
    }

    /** The server that failed: {@code kafka}, {@code elasticsearch} or {@code keycloak}. */
    public String server() {
        return server;
    }
}
