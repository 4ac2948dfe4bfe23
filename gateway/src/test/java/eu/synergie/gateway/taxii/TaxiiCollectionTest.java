package eu.synergie.gateway.taxii;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TaxiiCollectionTest {

    @Test
    void ofWhenSameRegionThenSameIdAndOtherRegionOtherId() {
        TaxiiCollection west = TaxiiCollection.of("EU-WEST");

        assertThat(TaxiiCollection.of("EU-WEST")).isEqualTo(west);
        assertThat(west.id().version()).isEqualTo(5);
        assertThat(TaxiiCollection.of("EU-CENTRAL").id()).isNotEqualTo(west.id());
    }

    /** Clients keep these ids (and the README lists them): the namespace must never change. */
    @Test
    void ofWhenTheRegionsOfTheQuickStartThenTheIdsTheReadmeLists() {
        assertThat(TaxiiCollection.of("EU-WEST").id()).hasToString("4966185c-c114-5b62-bda6-08768e7c8410");
        assertThat(TaxiiCollection.of("EU-CENTRAL").id()).hasToString("0b8b0800-c7d1-5265-ac1b-785c8cbc396a");
        assertThat(TaxiiCollection.of("MED").id()).hasToString("13b870f2-de22-577f-a9f0-dba7be8be1b1");
    }

    @Test
    void findWhenIdOfAReadableCollectionThenItElseNothing() {
        List<TaxiiCollection> readable = TaxiiCollection.of(List.of("EU-WEST", "MED"));

        assertThat(TaxiiCollection.find(readable, TaxiiCollection.of("MED").id().toString().toUpperCase()))
                .hasValue(TaxiiCollection.of("MED"));
        assertThat(TaxiiCollection.find(readable, TaxiiCollection.of("EU-CENTRAL").id().toString())).isEmpty();
        assertThat(TaxiiCollection.find(readable, "EU-WEST")).as("a region code is no id").isEmpty();
    }
}
