package eu.synergie.gateway.access;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Reads a listing of Keycloak's admin API page by page ({@code first} and {@code max}) until a page comes back
 * short, keeping the elements that pass a filter. Keycloak answers a listing without them with its default of
 * 100 at most, silently: a directory that forgot to page would miss accounts past the hundredth.
 */
final class KeycloakPages {

    static final int PAGE = 100;

    private KeycloakPages() {
    }

    /**
     * @param page the page that starts at {@code first} with at most {@code max} elements, a JSON array
     */
    static List<JsonNode> all(BiFunction<Integer, Integer, JsonNode> page, Predicate<JsonNode> keep) {
        List<JsonNode> kept = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            JsonNode elements = page.apply(first, PAGE);
            for (JsonNode element : elements) {
                if (keep.test(element)) {
                    kept.add(element);
                }
            }
            if (elements.size() < PAGE) {
                return kept;
            }
        }
    }
}
