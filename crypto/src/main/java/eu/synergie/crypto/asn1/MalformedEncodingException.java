package eu.synergie.crypto.asn1;

/** An encoding refused by {@link TlvLimits}; the message names the first defect, never the bytes. */
public final class MalformedEncodingException extends RuntimeException {

    MalformedEncodingException(String defect) {
        super(defect, null, false, false);
    }
}
