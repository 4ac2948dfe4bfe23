package eu.synergie.core.audit;

import eu.synergie.crypto.audit.CanonicalJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audit events as plain JSON values (the form the hash chain canonicalises), and log entries to and
 * from bytes. Entries are stored in their RFC 8785 canonical form, so the bytes on the topic are exactly
 * what was hashed (plus the hash). Absent values are left out rather than written as null.
 */
public final class AuditEventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AuditEventJson() {
    }

    /** The event as JSON values: strings, numbers, lists and maps only. */
    public static Map<String, Object> toJson(AuditEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", event.at().toString());
        json.put("action", event.action().name());
        json.put("subject", event.subject());
        putIfPresent(json, "agency", event.agency());
        putIfPresent(json, "purpose", event.purpose());
        if (event.query() != null) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("text", event.query().text());
            if (!event.query().filters().isEmpty()) {
                query.put("filters", new LinkedHashMap<>(event.query().filters()));
            }
            query.put("total", event.query().total());
            json.put("query", query);
        }
        if (!event.noticeIds().isEmpty()) {
            json.put("noticeIds", event.noticeIds());
        }
        if (!event.recipients().isEmpty()) {
            json.put("recipients", event.recipients());
        }
        putIfPresent(json, "change", event.change());
        json.put("outcome", event.outcome().name());
        return json;
    }

    /** The event back from its JSON values; a field of the wrong shape is an {@link IllegalArgumentException}. */
    public static AuditEvent fromJson(Map<?, ?> json) {
        try {
            AuditEvent.Query query = null;
            if (json.get("query") instanceof Map<?, ?> q) {
                Map<String, String> filters = new LinkedHashMap<>();
                if (q.get("filters") instanceof Map<?, ?> f) {
                    f.forEach((k, v) -> filters.put(String.valueOf(k), String.valueOf(v)));
                }
                query = new AuditEvent.Query((String) q.get("text"), filters, q.get("total") instanceof Number n ? n.longValue() : 0);
            }
            return new AuditEvent(Instant.parse((String) json.get("at")), AuditAction.valueOf((String) json.get("action")),
                    (String) json.get("subject"), (String) json.get("agency"), (String) json.get("purpose"), query,
                    strings(json.get("noticeIds")), strings(json.get("recipients")), (String) json.get("change"),
                    AuditOutcome.valueOf((String) json.get("outcome")));
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            throw new IllegalArgumentException("not an audit event: " + e.getMessage(), e);
        }
    }

    /** A log entry (an event linked into the chain) as the bytes stored: its canonical form. */
    public static byte[] write(Map<String, ?> entry) {
        return CanonicalJson.bytes(entry);
    }

    /** A stored log entry back as JSON values; unreadable bytes are an {@link IllegalArgumentException}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(byte[] bytes) {
        try {
            Object value = MAPPER.readValue(bytes, Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new IllegalArgumentException("a log entry must be a JSON object");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable log entry: " + e.getOriginalMessage(), e);
        }
    }

    private static void putIfPresent(Map<String, Object> json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return ((List<?>) value).stream().map(v -> (String) v).toList();
    }
}
