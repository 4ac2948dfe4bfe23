package eu.synergie.core.federation.hits;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

/**
 * The JSON form of {@link PublishedHashes} on a federation topic, read strictly: an unknown or repeated member, a
 * missing one or a value of the wrong shape is refused. The record comes from another operator's exchange: the
 * refusal names where the JSON went wrong, never what it held.
 */
public final class HitsJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private HitsJson() {
    }

    /** The wire form, kept apart from the record so that renaming a component never changes the JSON. */
    record Document(String from, String to, String epoch, String noticeId, String region, List<String> hashes) {
    }

    public static byte[] write(PublishedHashes record) {
        return MAPPER.writeValueAsBytes(new Document(record.from(), record.to(), record.epoch(), record.noticeId().toString(),
                record.region(), record.hashes()));
    }

    /** @throws IllegalArgumentException naming the failed check, for anything that is not a valid record */
    public static PublishedHashes read(byte[] json) {
        Document document;
        try {
            document = MAPPER.readValue(json, Document.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable published hashes: " + (e instanceof tools.jackson.core.exc.StreamReadException
                    ? "malformed JSON or a repeated member" : "a member unknown or of the wrong shape"));
        }
        if (document == null) {
            throw new IllegalArgumentException("unreadable published hashes: empty");
        }
        UUID noticeId;
        try {
            noticeId = UUID.fromString(document.noticeId() == null ? "" : document.noticeId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable published hashes: noticeId must be a UUID");
        }
        try {
            return new PublishedHashes(document.from(), document.to(), document.epoch(), noticeId, document.region(),
                    document.hashes());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unreadable published hashes: " + e.getMessage());
        }
    }
}
