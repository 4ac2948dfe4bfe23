package eu.synergie.core.federation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the owner of a notice releases to a peer after a hit, once two of its approvers agreed: who holds something
 * (agency, exchange) and what to quote when asking (its case reference), addressed to the peer's notice that shares the
 * value. Never the owner's notice, never the value. Sent signed by the owner exchange.
 *
 * @param from          the owner exchange
 * @param to            the peer exchange the pointer is for
 * @param requestId     the approval request it was released by
 * @param noticeId      the peer's notice with the hit (the pointer's recipient is its owner)
 * @param holderAgency  the agency that holds the matching notice at {@code from}
 * @param caseRef       its case reference, to quote when contacting it
 */
public record Pointer(String from, String to, String requestId, UUID noticeId, String holderAgency, String caseRef,
                      Instant releasedAt) {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public Pointer {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(holderAgency, "holderAgency");
        Objects.requireNonNull(releasedAt, "releasedAt");
    }

    public byte[] toJson() {
        return MAPPER.writeValueAsBytes(this);
    }

    /** @throws IllegalArgumentException naming what is wrong, never quoting the content */
    public static Pointer fromJson(byte[] json) {
        try {
            Pointer pointer = MAPPER.readValue(json, Pointer.class);
            if (pointer == null) {
                throw new IllegalArgumentException("an empty pointer");
            }
            return pointer;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a pointer of this version");
        }
    }
}
