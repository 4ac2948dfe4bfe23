package eu.synergie.stix;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A STIX 2.1 bundle's objects by id, each checked to have a type and an id of that type. */
record StixBundle(Map<String, JsonNode> byId) {

    /** {@code type--uuid}; any UUID version is read (STIX asks for 4 or 5, some producers now mint 7). */
    private static final Pattern ID = Pattern.compile("([a-z][a-z0-9-]+[a-z0-9])--"
            + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");

    static StixBundle of(JsonNode bundle) {
        if (bundle == null || !bundle.isObject()) {
            throw new StixImportException("bundle", "type", "is not a JSON object");
        }
        String bundleId = bundle.path("id").asString("bundle");
        if (!bundle.path("type").asString("").equals("bundle")) {
            throw new StixImportException(bundleId, "type", "must be \"bundle\"");
        }
        JsonNode objects = bundle.path("objects");
        if (!objects.isArray()) {
            throw new StixImportException(bundleId, "objects", "must be an array of STIX objects");
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode object : objects) {
            String where = "objects[" + index++ + "]";
            if (!object.isObject()) {
                throw new StixImportException(where, "type", "is not a JSON object");
            }
            String id = object.path("id").isString() ? object.get("id").asString() : null;
            String named = id == null ? where : id;
            if (!object.path("type").isString() || object.get("type").asString().isBlank()) {
                throw new StixImportException(named, "type", "is missing");
            }
            if (id == null) {
                throw new StixImportException(where, "id", "is missing");
            }
            Matcher matcher = ID.matcher(id);
            if (!matcher.matches() || !matcher.group(1).equals(object.get("type").asString())) {
                throw new StixImportException(id, "id", "must be " + object.get("type").asString()
                        + "--<uuid>");
            }
            JsonNode held = byId.get(id);
            if (held == null || supersedes(object, held, id)) {
                byId.put(id, object);
            }
        }
        return new StixBundle(byId);
    }

    /**
     * Versions of one object may share a bundle: id and {@code modified} name a version (STIX 2.1 §3.6), and the
     * latest stands for the object. Two copies that no {@code modified} tells apart must be the same object; if
     * they differ, which one the producer meant cannot be known, and keeping either could drop the stricter one.
     */
    private static boolean supersedes(JsonNode object, JsonNode held, String id) {
        Instant mine = modified(object, id);
        Instant theirs = modified(held, id);
        if (mine != null && theirs != null && !mine.equals(theirs)) {
            return mine.isAfter(theirs);
        }
        if (!StixIds.canonical(object).equals(StixIds.canonical(held))) {
            throw new StixImportException(id, "id", "given twice with different content"
                    + (mine != null && theirs != null ? " and the same modified" : " and no modified to order them"));
        }
        return false;
    }

    private static Instant modified(JsonNode object, String id) {
        JsonNode value = object.path("modified");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asString(""));
        } catch (DateTimeParseException e) {
            throw new StixImportException(id, "modified", "must be a timestamp such as 2026-11-28T10:00:00.000Z");
        }
    }

    Iterable<JsonNode> all() {
        return byId.values();
    }

    Optional<JsonNode> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Whether the text is a STIX id ({@code type--uuid}), whether or not the bundle holds that object. */
    static boolean isId(String text) {
        return ID.matcher(text).matches();
    }
}
