package eu.synergie.gateway.access;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakPagesTest {

    /** A listing of {@code total} numbered elements, recording which pages were asked for. */
    private static final class Listing {
        final int total;
        final List<Integer> asked = new ArrayList<>();

        Listing(int total) {
            this.total = total;
        }

        JsonNode page(int first, int max) {
            asked.add(first);
            ArrayNode page = JsonNodeFactory.instance.arrayNode();
            for (int i = first; i < Math.min(total, first + max); i++) {
                page.add(i);
            }
            return page;
        }
    }

    @Test
    void allWhenMoreThanOnePageThenEveryPageUntilAShortOne() {
        Listing listing = new Listing(250);

        List<JsonNode> all = KeycloakPages.all(listing::page, element -> true);

        assertThat(all).hasSize(250);
        assertThat(listing.asked).containsExactly(0, 100, 200);
    }

    @Test
    void allWhenExactlyFullPagesThenOneEmptyPageMoreToKnowItEnded() {
        Listing listing = new Listing(200);

        assertThat(KeycloakPages.all(listing::page, element -> true)).hasSize(200);
        assertThat(listing.asked).containsExactly(0, 100, 200);
    }

    @Test
    void allWhenFilteredThenOnlyTheKeptFromEveryPage() {
        Listing listing = new Listing(230);

        List<JsonNode> even = KeycloakPages.all(listing::page, element -> element.asInt() % 2 == 0);

        assertThat(even).hasSize(115).allMatch(element -> element.asInt() % 2 == 0);
        assertThat(even.getLast().asInt()).isEqualTo(228);
    }
}
