package eu.synergie.core.index;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;

import java.time.Instant;
import java.util.Set;

/**
 * Narrowing of a search chosen by the analyst. Each set is "any of"; an empty set does not narrow. These
 * only ever narrow the caller's scope: the access filter is applied beside them, never replaced.
 *
 * @param agencies    originating agencies
 * @param issuedFrom  issued at or after, or null
 * @param issuedTo    issued before, or null
 * @param entityKind  with {@code entityValue}: notices holding that entity, compared in normalised form
 */
public record NoticeFilters(Set<NoticeType> types, Set<String> agencies, Set<String> regions,
                            Set<Classification> classifications, Set<Tlp> tlps, Set<HandlingCode> handlingCodes,
                            Instant issuedFrom, Instant issuedTo, EntityKind entityKind, String entityValue) {

    public static final NoticeFilters NONE = new NoticeFilters(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
            null, null, null, null);

    public NoticeFilters {
        types = types == null ? Set.of() : Set.copyOf(types);
        agencies = agencies == null ? Set.of() : Set.copyOf(agencies);
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        classifications = classifications == null ? Set.of() : Set.copyOf(classifications);
        tlps = tlps == null ? Set.of() : Set.copyOf(tlps);
        handlingCodes = handlingCodes == null ? Set.of() : Set.copyOf(handlingCodes);
        if (issuedFrom != null && issuedTo != null && !issuedFrom.isBefore(issuedTo)) {
            throw new IllegalArgumentException("from must be before to");
        }
        entityValue = entityValue == null || entityValue.isBlank() ? null : entityValue.strip();
        if ((entityKind == null) != (entityValue == null)) {
            throw new IllegalArgumentException("entityKind and entityValue go together");
        }
        if (entityValue != null && entityValue.length() > 200) {
            throw new IllegalArgumentException("entityValue must be at most 200 characters");
        }
    }
}
