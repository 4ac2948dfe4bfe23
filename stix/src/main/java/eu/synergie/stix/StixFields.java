package eu.synergie.stix;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading the properties of a STIX object as the import needs them: a property of the wrong JSON type is an error
 * that names the object and the property's path, never its value.
 */
final class StixFields {

    private StixFields() {
    }

    /** A timestamp property, null when absent. */
    static Instant instant(JsonNode node, String id, String property, String path) {
        JsonNode value = node.path(property);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asString(""));
        } catch (DateTimeParseException e) {
            throw new StixImportException(id, path, "must be a timestamp such as 2026-11-28T10:00:00.000Z");
        }
    }

    static String requiredText(JsonNode node, String id, String property) {
        return requiredText(node, id, property, property);
    }

    static String requiredText(JsonNode node, String id, String path, String property) {
        String value = optionalText(node, id, path, property);
        if (value == null || value.isBlank()) {
            throw new StixImportException(id, path, "is missing");
        }
        return value;
    }

    static String optionalText(JsonNode node, String id, String property) {
        return optionalText(node, id, property, property);
    }

    static String optionalText(JsonNode node, String id, String path, String property) {
        JsonNode value = node.path(property);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new StixImportException(id, path, "must be text");
        }
        return value.asString();
    }

    static List<String> optionalList(JsonNode node, String id, String... properties) {
        List<String> out = new ArrayList<>();
        for (String property : properties) {
            String value = optionalText(node, id, property);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode node, String id, String base, String property) {
        String value = requiredText(node, id, base + property, property);
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(value)).findFirst()
                .orElseThrow(() -> new StixImportException(id, base + property, "must be one of "
                        + Arrays.toString(type.getEnumConstants())));
    }

    static Set<String> textSet(JsonNode node, String id, String base, String property) {
        JsonNode array = node.path(property);
        if (array.isMissingNode()) {
            return Set.of();
        }
        if (!array.isArray()) {
            throw new StixImportException(id, base + property, "must be an array of text");
        }
        Set<String> out = new TreeSet<>();
        for (JsonNode value : array) {
            if (!value.isString()) {
                throw new StixImportException(id, base + property, "must be an array of text");
            }
            out.add(value.asString());
        }
        return out;
    }
}
