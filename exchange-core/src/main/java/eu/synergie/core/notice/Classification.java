package eu.synergie.core.notice;

/** Security classification, in increasing order: a caller cleared for one level reads it and all below. */
public enum Classification {
    UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET;

    public boolean atMost(Classification clearance) {
        return compareTo(clearance) <= 0;
    }
}
