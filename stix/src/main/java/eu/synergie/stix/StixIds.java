package eu.synergie.stix;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Deterministic STIX identifiers and the STIX timestamp form. Every id we mint is a name-based UUID version 5
 * (RFC 9562 §5.5) under {@link #NAMESPACE}, so exporting the same notice twice gives the same ids, and any
 * exchange running this mapping gives the same ids for the same notice.
 */
public final class StixIds {

    /**
     * Our namespace for STIX ids. Fixed for ever: changing it changes every id a TAXII client has already stored.
     * (Not the STIX namespace {@code 00abedb4-aa42-53c7-bfae-bf1a9f5a1c6c} for SCOs: see package-info on why
     * observables are per notice.)
     */
    static final UUID NAMESPACE = UUID.fromString("5b439a30-df8a-4a37-a544-247cbef4b575");

    /**
     * The JSON writer for content that is hashed: no whitespace. It writes an object's keys in the node's order, not
     * sorted, so {@link #canonical} sorts them first.
     */
    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    private StixIds() {
    }

    /** {@code type--uuidv5(NAMESPACE, name)}. */
    static String id(String type, String name) {
        return type + "--" + uuid5(NAMESPACE, name);
    }

    /**
     * A name-based UUID, version 5 (SHA-1, RFC 9562 §5.5): the same name under the same namespace gives the same id on
     * every machine and after every restart (the JDK makes only version 3). Public for the TAXII server's collection ids.
     */
    public static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
        sha1.update(bytes(namespace));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (hash[i] & 0xff);
            low = (low << 8) | (hash[8 + i] & 0xff);
        }
        return new UUID(high, low);
    }

    private static byte[] bytes(UUID uuid) {
        byte[] out = new byte[16];
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (high >>> (56 - 8 * i));
            out[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }

    /**
     * A STIX timestamp: RFC 3339 in UTC with at least millisecond precision ({@code created} and {@code modified}
     * must have it), more digits only when the instant has them, so that it reads back to the same instant.
     */
    static String timestamp(Instant instant) {
        String text = instant.toString();
        return text.indexOf('.') < 0 ? text.substring(0, text.length() - 1) + ".000Z" : text;
    }

    /** The node as canonical JSON: object keys sorted at every level, so equal content hashes equally. */
    static String canonical(JsonNode node) {
        return CANONICAL.writeValueAsString(sorted(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.values().forEach(v -> items.add(sorted(v)));
            return JsonNodeFactory.instance.arrayNode().addAll(items);
        }
        return node;
    }
}
