package eu.synergie.core.notice.normal;

import eu.synergie.core.notice.Folding;

import java.util.Objects;

/**
 * An entity value in its canonical form for matching. An invalid value is kept, never dropped: it is
 * then {@code valid == false}, {@code problem} says tersely what failed ("IBAN checksum fails"), and
 * {@code normalized} is the value as given, merely trimmed and case/accent folded, so that the same
 * mistyped value written twice still meets itself.
 *
 * @param normalized the form to index and compare; never null
 * @param valid      whether the value passed its kind's checks
 * @param problem    null when valid, otherwise the check that failed
 */
public record NormalizedValue(String normalized, boolean valid, String problem) {

    public NormalizedValue {
        Objects.requireNonNull(normalized, "normalized");
        if (valid != (problem == null)) {
            throw new IllegalArgumentException("a problem is given exactly when the value is invalid");
        }
    }

    static NormalizedValue ok(String normalized) {
        return new NormalizedValue(normalized, true, null);
    }

    static NormalizedValue invalid(String given, String problem) {
        return new NormalizedValue(Folding.fold(given.strip()), false, problem);
    }
}
