package eu.synergie.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The stop order, on a stack whose servers were never started (no server needed). */
class LocalStackTest {

    @TempDir
    Path home;

    @Test
    void stopWhenClientsRegisteredThenLatestFirstThenTheServersAndOnlyOnce() {
        List<String> stopped = new CopyOnWriteArrayList<>();
        LocalStack stack = new LocalStack(LocalStack.Settings.freePorts(home));
        Object context = new Object();
        stack.closeBeforeServers("first", context, () -> stopped.add("first"));
        stack.closeBeforeServers("same owner again", context, () -> stopped.add("same owner again"));
        stack.closeBeforeServers("second", new Object(), () -> {
            stopped.add("second");
            return false;
        });
        stack.closeBeforeServers("broken", new Object(), () -> {
            throw new IllegalStateException("cannot close");
        });

        LocalStack.Stopped first = stack.stop();
        LocalStack.Stopped again = stack.stop();
        stack.close();

        assertThat(stopped).containsExactly("second", "first");
        assertThat(first.steps()).extracting(LocalStack.Stopped.Step::name)
                .containsExactly("broken", "second", "first", "kafka", "elasticsearch", "keycloak");
        assertThat(first.steps()).extracting(LocalStack.Stopped.Step::problem)
                .containsExactly("java.lang.IllegalStateException: cannot close", "killed", "", "not running", "not running",
                        "not running");
        assertThat(again).isSameAs(first);
    }

    @Test
    void describeWhenStoppedThenOneLineWithEachStep() {
        LocalStack.Stopped stopped = new LocalStack.Stopped(List.of(
                new LocalStack.Stopped.Step("gateway", Duration.ofMillis(1_250), true, ""),
                new LocalStack.Stopped.Step("kafka", Duration.ofMillis(6_000), false, "killed after 6 s"),
                new LocalStack.Stopped.Step("elasticsearch", Duration.ofMillis(640), true, ""),
                new LocalStack.Stopped.Step("keycloak", Duration.ofMillis(900), true, "")), Duration.ofMillis(7_300));

        assertThat(LocalStackMain.describe(stopped)).isEqualTo("Stopped in 7.3 s: gateway 1.3 s, then at once kafka 6.0 s "
                + "(killed after 6 s), elasticsearch 0.6 s, keycloak 0.9 s.");
    }
}
