package eu.synergie.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IngestionFloorTest {

    @Test
    void floorWhenOpeningAndIndexingCostedThenTheCoresDividedByTheirSumAndTheTargetIsEitherShareOrRate() {
        IngestionFloor floor = new IngestionFloor(0.5, 0.3, 2);
        assertThat(floor.noticesPerSecond()).isCloseTo(2_500, within(1e-9));

        IngestionFloor low = new IngestionFloor(0.6, 1.4, 2);
        assertThat(low.noticesPerSecond()).isCloseTo(1_000, within(1e-9));
        assertThat(low.met(849)).as("under 85 % of a low floor").isFalse();
        assertThat(low.met(850)).as("85 % of a low floor").isTrue();

        IngestionFloor high = new IngestionFloor(0.1, 0.1, 2);
        assertThat(high.met(1_999)).as("under 2,000/s, and under 85 % of a high floor").isFalse();
        assertThat(high.met(2_000)).as("2,000/s, however high the floor").isTrue();
    }
}
