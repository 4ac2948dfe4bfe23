package eu.synergie.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The one stack shared by all integration tests of a test JVM. Each server starts the first time a
 * test asks for it (a module whose tests need only Elasticsearch starts only Elasticsearch) and stops
 * when the JVM exits. Data starts empty on every run; unpacked distributions are kept.
 *
 * <p>The folder is {@code target/synergie-it} of the module under test, or the system property
 * {@code synergie.it.home}.
 *
 * <p>A test JVM ends as soon as its tests do only if whatever uses the servers lets go of them while they
 * still run: a Spring context's Kafka consumers, closed after the broker, keep trying to reach it until their
 * close times out (30 s), and Surefire kills the JVM first. Such clients register with
 * {@link #closeBeforeServers}.
 */
public final class SharedStack {

    private static LocalStack stack;

    private SharedStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            Path home = Path.of(System.getProperty("synergie.it.home", "target/synergie-it")).toAbsolutePath();
            stack = new LocalStack(LocalStack.Settings.freePorts(home));
            forgetData(stack);
        }
        return stack;
    }

    /** The running broker, started on first use. */
    public static KafkaBroker kafka() {
        LocalStack s = get();
        s.kafka().start(s.startTimeout());
        return s.kafka();
    }

    /** The running Elasticsearch node, started on first use (or again after a test stopped it). */
    public static ElasticsearchNode elasticsearch() {
        LocalStack s = get();
        s.elasticsearch().start(s.startTimeout());
        return s.elasticsearch();
    }

    /** The running Keycloak, started on first use. */
    public static KeycloakServer keycloak() {
        LocalStack s = get();
        s.keycloak().start(s.startTimeout());
        return s.keycloak();
    }

    /** Starts all three at once (faster than one after the other when a test needs all). */
    public static LocalStack all() {
        LocalStack s = get();
        if (!s.kafka().isRunning() || !s.elasticsearch().isRunning() || !s.keycloak().isRunning()) {
            s.startAll();
        }
        return s;
    }

    /**
     * Has {@code client} stop before the servers when the JVM ends (the stack stops its clients first, then the
     * servers). Registering the same owner again changes nothing.
     *
     * @param owner what the client stands for, e.g. the Spring application context it closes
     */
    public static void closeBeforeServers(String name, Object owner, LocalStack.Client client) {
        get().closeBeforeServers(name, owner, client);
    }

    private static void forgetData(LocalStack stack) {
        try {
            Distributions.deleteRecursively(stack.home().resolve("kafka/data"));
            Distributions.deleteRecursively(stack.elasticsearch().folder().resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the data of the previous test run under " + stack.home(), e);
        }
        stack.keycloak().forgetData();
    }
}
