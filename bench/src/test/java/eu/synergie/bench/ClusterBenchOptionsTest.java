package eu.synergie.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterBenchOptionsTest {

    @Test
    void parseWhenNoArgumentsThenBothProfilesTwoGatewaysAndThirtyTwoAnalysts() {
        ClusterBenchOptions options = ClusterBenchOptions.parse(new String[0]);

        assertThat(options.notices()).isEqualTo(20_000);
        assertThat(options.warmup()).isEqualTo(1000);
        assertThat(options.analysts()).isEqualTo(32);
        assertThat(options.searchSeconds()).isEqualTo(60);
        assertThat(options.gateways()).isEqualTo(2);
        assertThat(options.ordered()).containsExactly(ClusterBenchOptions.Profile.SINGLE, ClusterBenchOptions.Profile.CLUSTER);
        assertThat(options.home()).isAbsolute().endsWithRaw(Path.of("target/cluster-bench-stack"));
        assertThat(options.gatewayJar()).isAbsolute().endsWithRaw(Path.of("gateway/target/synergie-gateway-exec.jar"));
    }

    @Test
    void parseWhenOptionsComeAsOneArgumentThenEachIsRead() {
        // exec:exec passes -Dbench.args as one argument.
        ClusterBenchOptions options = ClusterBenchOptions.parse(new String[]{
                " --notices 3,000 --search-seconds 20  --search-warmup 0 --profiles cluster,single --gateways 3 --analysts 8 "});

        assertThat(options.notices()).isEqualTo(3000);
        assertThat(options.warmup()).isEqualTo(200);
        assertThat(options.searchSeconds()).isEqualTo(20);
        assertThat(options.searchWarmup()).isZero();
        assertThat(options.gateways()).isEqualTo(3);
        assertThat(options.analysts()).isEqualTo(8);
        assertThat(options.ordered()).containsExactly(ClusterBenchOptions.Profile.SINGLE, ClusterBenchOptions.Profile.CLUSTER);
    }

    @Test
    void parseWhenOneProfileThenOnlyThatOne() {
        assertThat(ClusterBenchOptions.parse(new String[]{"--profiles", "cluster"}).ordered())
                .containsExactly(ClusterBenchOptions.Profile.CLUSTER);
    }

    @Test
    void parseWhenInvalidThenTheMessageNamesTheOption() {
        assertThatThrownBy(() -> ClusterBenchOptions.parse(new String[]{"--gateways", "1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--gateways");
        assertThatThrownBy(() -> ClusterBenchOptions.parse(new String[]{"--profiles", "single,galaxy"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("galaxy");
        assertThatThrownBy(() -> ClusterBenchOptions.parse(new String[]{"--notices", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--notices must be positive");
        assertThatThrownBy(() -> ClusterBenchOptions.parse(new String[]{"--notices", "many"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--notices needs a number");
        assertThatThrownBy(() -> ClusterBenchOptions.parse(new String[]{"--analysts"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--analysts needs a value");
        assertThatThrownBy(() -> ClusterBenchOptions.parse(new String[]{"--raw-batch", "10"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --raw-batch");
    }

    @Test
    void parseWhenHelpThenAnExceptionWithoutMessageForTheUsage() {
        assertThatThrownBy(() -> ClusterBenchOptions.parse(new String[]{"--help"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("");
        assertThat(ClusterBenchOptions.USAGE).contains(List.of("--notices", "--analysts", "--profiles", "--gateway-jar"));
    }
}
