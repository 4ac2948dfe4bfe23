package eu.synergie.core.rfi;

/**
 * Where requests for information are kept: {@code synergie.requests}, one record per step, keyed by request id, each
 * the whole request as it stands after the step (its {@link InformationRequest#version()} one more than before).
 * Kept forever, never compacted: of two steps written on the same version the first in the log counts, which only the
 * whole log tells. Returns once the record is durably appended.
 */
public interface RequestLog {

    String TOPIC = "synergie.requests";

    /** @return the record's offset, for waiting until this instance has read it back */
    long append(InformationRequest request);
}
