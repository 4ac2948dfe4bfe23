package eu.synergie.gateway.api;

/** A consultation without a stated purpose: the audit log needs one (Directive 2016/680, Art. 25). */
public final class MissingPurposeException extends RuntimeException {

    MissingPurposeException() {
        super("purpose is required: give the case reference this consultation is for");
    }
}
