package eu.synergie.core.rfi;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of an {@link InformationRequest} on {@code synergie.requests} (inside the exchange's MAC, see
 * {@link RequestRecords}): its fields, the thread's envelopes in base64, read strictly.
 */
public final class RequestJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RequestJson() {
    }

    public static byte[] write(InformationRequest request) {
        return MAPPER.writeValueAsBytes(request);
    }

    /** @throws IllegalArgumentException for anything that is not a request this version reads */
    public static InformationRequest read(byte[] json) {
        try {
            InformationRequest request = MAPPER.readValue(json, InformationRequest.class);
            if (request == null) {
                throw new IllegalArgumentException("unreadable request: empty");
            }
            return request;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("unreadable request: " + e.getOriginalMessage(), e);
        }
    }
}
