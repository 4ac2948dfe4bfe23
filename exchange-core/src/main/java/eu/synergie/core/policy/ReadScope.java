package eu.synergie.core.policy;

import eu.synergie.core.notice.Classification;

import java.util.Set;

/**
 * The read rule of one caller in a form a search engine can enforce inside a query: a notice is in
 * scope iff its region is in {@code regions}, its classification is in {@code classifications}, and its
 * releasability list is empty, contains {@code agency}, or its originator is {@code agency}. Only
 * {@link AccessPolicy} makes these, so a query filter cannot be built from anything else.
 */
public record ReadScope(Set<String> regions, Set<Classification> classifications, String agency) {

    public ReadScope {
        regions = Set.copyOf(regions);
        classifications = Set.copyOf(classifications);
    }

    /** True when nothing can match: a search can answer empty without asking the index. */
    public boolean isEmpty() {
        return regions.isEmpty() || classifications.isEmpty() || agency == null;
    }
}
