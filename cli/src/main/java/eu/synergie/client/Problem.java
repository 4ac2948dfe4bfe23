package eu.synergie.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of an RFC 9457 problem details body the client acts on; tolerant of bodies that are not
 * problem details at all (a proxy's HTML error page).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457</a>
 */
record Problem(String reason, String detail) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_DETAIL = 300;

    static Problem parse(String body) {
        if (body == null || body.isBlank()) {
            return new Problem(null, null);
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return new Problem(text(node, "reason"), shorten(text(node, "detail") != null ? text(node, "detail")
                        : text(node, "title")));
            }
        } catch (JacksonException notJson) {
            // fall through: not a problem document
        }
        return new Problem(null, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String shorten(String text) {
        return text == null || text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
