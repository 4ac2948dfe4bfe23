package eu.synergie.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SizingTest {

    private static Map<String, Double> cores(Object... labelsAndCores) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndCores.length; i += 2) {
            map.put((String) labelsAndCores[i], (Double) labelsAndCores[i + 1]);
        }
        return map;
    }

    private static final Sizing.Phase INGESTION = Sizing.Phase.of(400, cores(
            "benchmark JVM (load client)", 0.1,
            "gateway [gateway-1]", 0.3, "gateway [gateway-2]", 0.5,
            "Elasticsearch node [node-0]", 0.2, "Elasticsearch node [node-1]", 0.1, "Elasticsearch node [node-2]", 0.1,
            "Kafka broker [broker-1]", 0.05, "Kafka broker [broker-2]", 0.05, "Kafka broker [broker-3]", 0.1,
            "Keycloak [keycloak]", 0.01, "HAProxy [haproxy]", 0.04));
    private static final Sizing.Phase SEARCH = Sizing.Phase.of(200, cores(
            "gateway [gateway-1]", 0.4, "gateway [gateway-2]", 0.4, "Elasticsearch node [node-0]", 0.5,
            "Elasticsearch node [node-1]", 0.3, "Kafka broker [broker-1]", 0.02, "HAProxy [haproxy]", 0.1));
    private static final Sizing.Profile CLUSTER = new Sizing.Profile("cluster",
            Map.of(Sizing.Role.GATEWAY, 2, Sizing.Role.ELASTICSEARCH, 3, Sizing.Role.KAFKA, 3, Sizing.Role.PROXY, 1), INGESTION, SEARCH);

    @Test
    void phaseWhenSeveralProcessesOfARoleThenTheirCoresAddUp() {
        assertThat(INGESTION.cores(Sizing.Role.GATEWAY)).isCloseTo(0.8, within(1e-9));
        assertThat(INGESTION.cores(Sizing.Role.ELASTICSEARCH)).isCloseTo(0.4, within(1e-9));
        assertThat(INGESTION.cores(Sizing.Role.KAFKA)).isCloseTo(0.2, within(1e-9));
        assertThat(INGESTION.cores(Sizing.Role.CLIENT)).isCloseTo(0.1, within(1e-9));
        assertThat(INGESTION.cores(Sizing.Role.KEYCLOAK)).isCloseTo(0.01, within(1e-9));
        assertThat(SEARCH.cores(Sizing.Role.KEYCLOAK)).isZero();
    }

    @Test
    void perCoreWhenTheRoleKeptCoresBusyThenRateDividedByThem() {
        // 400 notices/s with 0.8 gateway cores: 500 per gateway core, 2 ms of gateway CPU per notice.
        assertThat(INGESTION.perCore(Sizing.Role.GATEWAY)).isCloseTo(500, within(1e-9));
        assertThat(INGESTION.cpuMillisEach(Sizing.Role.GATEWAY)).isCloseTo(2.0, within(1e-9));
        assertThat(INGESTION.perCore(Sizing.Role.ELASTICSEARCH)).isCloseTo(1000, within(1e-9));
        assertThat(INGESTION.perCore(Sizing.Role.KAFKA)).isCloseTo(2000, within(1e-9));
        assertThat(SEARCH.perCore(Sizing.Role.ELASTICSEARCH)).isCloseTo(250, within(1e-9));
        assertThat(SEARCH.perCore(Sizing.Role.KEYCLOAK)).isNaN();
    }

    @Test
    void searchesPerProcessWhenThreeNodesThenAThirdEach() {
        assertThat(CLUSTER.searchesPerProcess(Sizing.Role.ELASTICSEARCH)).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(CLUSTER.searchesPerProcess(Sizing.Role.GATEWAY)).isCloseTo(100, within(1e-9));
        assertThat(CLUSTER.searchesPerProcess(Sizing.Role.KEYCLOAK)).isNaN();
    }

    @Test
    void coresForWhenATargetLoadThenLinearInNoticesAndSearchesOverTheUtilisation() {
        // Gateway: 1000 notices/s × 2 ms + 100 searches/s × 4 ms = 2.4 cores busy; at 60 % utilisation 4 cores.
        assertThat(CLUSTER.coresFor(Sizing.Role.GATEWAY, 1000, 100, 0.6)).isCloseTo(4.0, within(1e-9));
        // Elasticsearch: 1000 × 1 ms + 100 × 4 ms = 1.4 cores at 100 %.
        assertThat(CLUSTER.coresFor(Sizing.Role.ELASTICSEARCH, 1000, 100, 1.0)).isCloseTo(1.4, within(1e-9));
        assertThatThrownBy(() -> CLUSTER.coresFor(Sizing.Role.GATEWAY, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("utilisation");
    }

    @Test
    void phaseWhenNoRateThenRefused() {
        assertThatThrownBy(() -> new Sizing.Phase(0, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roleOfWhenLabelsOfCpuAccountingThenTheirRole() {
        assertThat(Sizing.Role.of("gateway [gateway-2]")).isEqualTo(Sizing.Role.GATEWAY);
        assertThat(Sizing.Role.of("Elasticsearch node [node-1]")).isEqualTo(Sizing.Role.ELASTICSEARCH);
        assertThat(Sizing.Role.of("Kafka broker [kafka]")).isEqualTo(Sizing.Role.KAFKA);
        assertThat(Sizing.Role.of("HAProxy [haproxy]")).isEqualTo(Sizing.Role.PROXY);
        assertThat(Sizing.Role.of("benchmark JVM (load client)")).isEqualTo(Sizing.Role.CLIENT);
        assertThat(Sizing.Role.of("other child: sleep")).isEqualTo(Sizing.Role.OTHER);
    }

    @Test
    void reportWhenAProfileThenItsPerCoreFiguresAndTheCoresOfEachTarget() {
        List<String> lines = Sizing.report(List.of(CLUSTER));

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("gateway").contains("2.00 / 4.00").contains("500, 250"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("66.7 searches/s per Elasticsearch node (3)"));
        // 500 notices/s + 200 searches/s on gateways: (500 × 2 + 200 × 4) / 1000 / 0.6 = 3.0 cores.
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("500 notices/s + 200 searches/s").contains("3.0"));
        assertThat(Sizing.report(List.of())).isEmpty();
    }
}
