package eu.synergie.gateway.api;

import eu.synergie.core.ExchangeException;
import eu.synergie.core.Refusal;

/** A consultation without a stated purpose: the audit log needs one (Directive 2016/680, Art. 25). */
public final class MissingPurposeException extends ExchangeException.Refused {

    MissingPurposeException() {
        super(new Refusal(Refusal.Kind.MALFORMED, "PURPOSE_REQUIRED"),
                "purpose is required: give the case reference this consultation is for");
    }
}
