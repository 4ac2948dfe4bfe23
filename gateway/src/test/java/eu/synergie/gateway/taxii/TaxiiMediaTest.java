package eu.synergie.gateway.taxii;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaxiiMediaTest {

    @Test
    void acceptableWhenTaxii21OrTaxiiWithoutVersionThenTrue() {
        assertThat(TaxiiMedia.acceptable(List.of("application/taxii+json;version=2.1"))).isTrue();
        assertThat(TaxiiMedia.acceptable(List.of("application/taxii+json"))).isTrue();
        assertThat(TaxiiMedia.acceptable(List.of("Application/TAXII+JSON; version=\"2.1\""))).isTrue();
        assertThat(TaxiiMedia.acceptable(List.of("application/json, application/taxii+json;version=2.1;q=0.5"))).isTrue();
        assertThat(TaxiiMedia.acceptable(List.of("text/html", "application/taxii+json;version=2.1"))).isTrue();
    }

    @Test
    void acceptableWhenAnotherTypeVersionWildcardOrNoneThenFalse() {
        assertThat(TaxiiMedia.acceptable(List.of())).as("no Accept").isFalse();
        assertThat(TaxiiMedia.acceptable(List.of("*/*"))).isFalse();
        assertThat(TaxiiMedia.acceptable(List.of("application/json"))).isFalse();
        assertThat(TaxiiMedia.acceptable(List.of("application/vnd.oasis.taxii+json;version=2.0"))).as("TAXII 2.0").isFalse();
        assertThat(TaxiiMedia.acceptable(List.of("application/taxii+json;version=2.0"))).isFalse();
        assertThat(TaxiiMedia.acceptable(List.of("application/taxii+json;version=2.1;q=0"))).as("refused by q=0").isFalse();
        assertThat(TaxiiMedia.acceptable(List.of("application/taxii+json;;version=\""))).as("unreadable").isFalse();
    }

    @Test
    void isTaxiiWhenContentTypeThenOnlyTaxii21() {
        assertThat(TaxiiMedia.isTaxii("application/taxii+json;version=2.1")).isTrue();
        assertThat(TaxiiMedia.isTaxii("application/taxii+json")).isTrue();
        assertThat(TaxiiMedia.isTaxii("application/json")).isFalse();
        assertThat(TaxiiMedia.isTaxii("application/stix+json;version=2.1")).isFalse();
        assertThat(TaxiiMedia.isTaxii(null)).isFalse();
        assertThat(TaxiiMedia.isTaxii("garbage")).isFalse();
    }
}
