package eu.synergie.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MirrorMakerTest {

    private static final MirrorMaker.Flow FLOW = new MirrorMaker.Flow("EXCH-EU", access("127.0.0.1:19092"), "EXCH-MED",
            access("127.0.0.1:29092"), "synergie\\.federation\\.out\\.EXCH-MED");

    @Test
    void whenPropertiesWrittenThenMirrorMakerReadsThePatternWithItsBackslashes(@TempDir Path folder) throws IOException {
        Properties written = load(new MirrorMaker(folder, FLOW, MirrorMaker.Delivery.AT_LEAST_ONCE, "256m")
                .writeProperties(0));

        assertThat(written.getProperty("EXCH-EU->EXCH-MED.topics")).isEqualTo("synergie\\.federation\\.out\\.EXCH-MED");
        assertThat(written.getProperty("EXCH-EU->EXCH-MED.enabled")).isEqualTo("true");
        assertThat(written.getProperty("EXCH-MED->EXCH-EU.enabled")).isEqualTo("false");
        assertThat(written.getProperty("EXCH-EU.bootstrap.servers")).isEqualTo("127.0.0.1:19092");
        assertThat(written.getProperty("EXCH-MED.bootstrap.servers")).isEqualTo("127.0.0.1:29092");
        assertThat(written.getProperty("EXCH-EU.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(written.getProperty("EXCH-MED.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(written.getProperty("EXCH-EU.sasl.jaas.config")).contains("username=\"mirror-127.0.0.1:19092\"");
        assertThat(written.getProperty("EXCH-MED.ssl.truststore.location")).isEqualTo("/ca/127.0.0.1:29092.crt");
        assertThat(written.getProperty("sync.topic.configs.enabled")).isEqualTo("false");
        assertThat(written.getProperty("EXCH-MED.producer.enable.idempotence")).isEqualTo("true");
        assertThat(written.getProperty("EXCH-MED.exactly.once.source.support")).isNull();
        assertThat(written.getProperty("dedicated.mode.enable.internal.rest")).isNull();
    }

    @Test
    void whenExactlyOnceThenTransactionsOnTheTargetAndTheRestListenerOnTheLoopback(@TempDir Path folder)
            throws IOException {
        Properties written = load(new MirrorMaker(folder, FLOW, MirrorMaker.Delivery.EXACTLY_ONCE, "256m")
                .writeProperties(18083));

        assertThat(written.getProperty("EXCH-MED.exactly.once.source.support")).isEqualTo("enabled");
        assertThat(written.getProperty("EXCH-EU.consumer.isolation.level")).isEqualTo("read_committed");
        assertThat(written.getProperty("dedicated.mode.enable.internal.rest")).isEqualTo("true");
        assertThat(written.getProperty("listeners")).isEqualTo("http://127.0.0.1:18083");
        assertThat(written.getProperty("EXCH-MED.producer.enable.idempotence")).isNull();
    }

    @Test
    void whenAPatternHasALineBreakThenItStaysOneValue(@TempDir Path folder) throws IOException {
        MirrorMaker.Flow sneaky = new MirrorMaker.Flow("A", access("127.0.0.1:1"), "B", access("127.0.0.1:2"),
                "x\nB->A.enabled = true");

        Properties written = load(new MirrorMaker(folder, sneaky, MirrorMaker.Delivery.AT_LEAST_ONCE, "256m")
                .writeProperties(0));

        assertThat(written.getProperty("A->B.topics")).isEqualTo("x\nB->A.enabled = true");
        assertThat(written.getProperty("B->A.enabled")).isEqualTo("false");
    }

    @Test
    void whenAnAliasCouldNotPrefixAPropertyOrATopicThenTheFlowIsRefused() {
        for (String alias : new String[] {"A.B", "A->B", "", "A-", "-A", "A B"}) {
            assertThatThrownBy(() -> new MirrorMaker.Flow(alias, access("h:1"), "B", access("h:2"), ".*"))
                    .as(alias).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new MirrorMaker.Flow("A", access("h:1"), "A", access("h:2"), ".*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same cluster");
    }

    @Test
    void whenFlowNamesACopyThenItIsTheSourceAliasDotTheTopic() {
        assertThat(FLOW.remoteTopic("synergie.federation.out.EXCH-MED"))
                .isEqualTo("EXCH-EU.synergie.federation.out.EXCH-MED");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void whenPropertiesWrittenThenOnlyTheirOwnerCanReadThePasswordsInThem(@TempDir Path folder) throws IOException {
        Path file = new MirrorMaker(folder, FLOW, MirrorMaker.Delivery.EXACTLY_ONCE, "256m").writeProperties(0);

        assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** A principal named after the address, so that each cluster's settings can be told apart in the file. */
    private static KafkaBroker.Access access(String bootstrap) {
        return new KafkaBroker.Access("mirror-" + bootstrap, "secret", bootstrap, Path.of("/ca/" + bootstrap + ".crt"));
    }
}
