package eu.synergie.core.approval;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of {@link ApprovalEvent}s on {@code synergie.approvals} (inside the exchange's MAC, see
 * {@link ApprovalRecords}): one object per event, named by its {@code event} member ({@code REQUESTED},
 * {@code APPROVED}, {@code REJECTED}, {@code EXPIRED}, {@code ANSWERED}: the envelope in base64) with that event's fields only, read strictly.
 */
public final class ApprovalJson {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = ApprovalEvent.Requested.class, name = "REQUESTED"),
            @JsonSubTypes.Type(value = ApprovalEvent.Approved.class, name = "APPROVED"),
            @JsonSubTypes.Type(value = ApprovalEvent.Rejected.class, name = "REJECTED"),
            @JsonSubTypes.Type(value = ApprovalEvent.Expired.class, name = "EXPIRED"),
            @JsonSubTypes.Type(value = ApprovalEvent.Answered.class, name = "ANSWERED")})
    private interface EventKinds {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addMixIn(ApprovalEvent.class, EventKinds.class)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ApprovalJson() {
    }

    public static byte[] write(ApprovalEvent event) {
        return MAPPER.writerFor(ApprovalEvent.class).writeValueAsBytes(event);
    }

    /** @throws IllegalArgumentException for anything that is not an approval event this version reads */
    public static ApprovalEvent read(byte[] json) {
        try {
            ApprovalEvent event = MAPPER.readValue(json, ApprovalEvent.class);
            if (event == null) {
                throw new IllegalArgumentException("unreadable approval event: empty");
            }
            return event;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable approval event: " + e.getOriginalMessage(), e);
        }
    }
}
