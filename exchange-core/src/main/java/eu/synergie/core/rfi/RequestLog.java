package eu.synergie.core.rfi;

/**
 * Where requests for information are kept: {@code synergie.requests}, one record per step, keyed by request id, each
 * the whole request as it stands after the step (its {@link InformationRequest#version()} one more than before).
 * Compacted: the last record of a request is the request. Returns once the record is durably appended.
 */
public interface RequestLog {

    String TOPIC = "synergie.requests";

    /** @return the record's offset, for waiting until this instance has read it back */
    long append(InformationRequest request);
}
