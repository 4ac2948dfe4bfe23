package eu.synergie.infra;

/**
 * The local SMTP server of the tests ({@link MailServer}): started the first time a test JVM asks for it (the gateway's
 * test context does, to send requests' notifications there), once per JVM, stopped with the shared stack's servers.
 */
public final class SharedMail {

    private static MailServer server;

    private SharedMail() {
    }

    /** The mail server, running, its mailboxes empty when this JVM started it. */
    public static synchronized MailServer get() {
        if (server == null) {
            server = new MailServer(SharedStack.get().home().resolve("mail"), 0, 0, "96m");
            MailServer started = server;
            SharedStack.get().closeBeforeServers(started.name(), started, () -> started.stop(LocalStack.SERVER_STOP_GRACE));
        }
        server.start(SharedStack.get().startTimeout());
        return server;
    }
}
