package eu.synergie.stix;

/**
 * A bundle that cannot be read as STIX 2.1: the message names the object (its id, or its place in the bundle when it
 * has none) and the property that is wrong, so that the producer can find it.
 */
public final class StixImportException extends RuntimeException {

    private final String objectId;
    private final String property;

    StixImportException(String objectId, String property, String reason) {
        super(objectId + " " + property + ": " + reason);
        this.objectId = objectId;
        this.property = property;
    }

    /** The id of the object at fault ({@code bundle} for the envelope, {@code objects[3]} for an object without id). */
    public String objectId() {
        return objectId;
    }

    /** The property at fault, as a path inside the object ({@code value}, {@code object_refs[2]}, {@code definition.tlp}). */
    public String property() {
        return property;
    }
}
