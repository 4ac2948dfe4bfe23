package eu.synergie.gateway.taxii;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.util.List;

/**
 * TAXII 2.1's media types and the negotiation every endpoint does itself (rather than leave it to Spring, whose
 * refusals would not be TAXII error messages): a request must accept {@code application/taxii+json;version=2.1}, or
 * {@code application/taxii+json} without a version (which TAXII 2.1 reads as its own); anything else, a wildcard or no
 * {@code Accept} at all included, is answered 406. A body must be of that type too, or 415.
 *
 * @see <a href="https://docs.oasis-open.org/cti/taxii/v2.1/os/taxii-v2.1-os.html">TAXII 2.1, §1.6.8 media types</a>
 */
final class TaxiiMedia {

    /** The media type of every answer. */
    static final String TAXII = "application/taxii+json;version=2.1";
    /** The media type of the objects the collections hold. */
    static final String STIX = "application/stix+json;version=2.1";
    private static final MediaType TAXII_ANY = new MediaType("application", "taxii+json");

    private TaxiiMedia() {
    }

    /** Whether an {@code Accept} header (all its values) lets the server answer TAXII 2.1. */
    static boolean acceptable(List<String> accept) {
        for (String header : accept) {
            try {
                for (MediaType range : MediaType.parseMediaTypes(header)) {
                    if (isTaxii21(range) && range.getQualityValue() > 0) {
                        return true;
                    }
                }
            } catch (InvalidMediaTypeException e) {
                // An unreadable value accepts nothing; another Accept header may still.
            }
        }
        return false;
    }

    /** Whether a {@code Content-Type} is TAXII 2.1's. */
    static boolean isTaxii(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            return isTaxii21(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean isTaxii21(MediaType type) {
        if (!TAXII_ANY.getType().equalsIgnoreCase(type.getType()) || !TAXII_ANY.getSubtype().equalsIgnoreCase(type.getSubtype())) {
            return false;
        }
        String version = type.getParameter("version");
        return version == null || "2.1".equals(unquoted(version));
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
