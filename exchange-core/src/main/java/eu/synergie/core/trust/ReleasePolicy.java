package eu.synergie.core.trust;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which of an agency's notices wait for one of its release approvers before its region sees them (four-eyes release,
 * issue 18), as dated rules: from each rule's date on, its criteria hold (until the next rule). A notice is judged by
 * the rule in force when it was appended, as the publish rule is, so that a rebuild holds exactly what the live indexer
 * held; the whole history travels in each event because compaction keeps only the last one.
 *
 * @param rules in the order of their dates, which are distinct
 */
public record ReleasePolicy(String agency, List<Rule> rules) {

    /** Where no rule is in force: nothing is held. */
    public static final Criteria NONE = new Criteria(false, null, Set.of(), Set.of(), Criteria.DEFAULT_EXPIRY);

    /**
     * What is held: everything ({@code all}), or a notice classified {@code classificationAtLeast} or above, or with one
     * of {@code handlingCodes}, or of one of {@code types}; and how long it waits for a decision before it expires (and
     * stays held for good).
     */
    public record Criteria(boolean all, Classification classificationAtLeast, Set<HandlingCode> handlingCodes,
                           Set<NoticeType> types, Duration expiresAfter) {

        public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
        private static final Duration LONGEST_EXPIRY = Duration.ofDays(90);

        public Criteria {
            handlingCodes = handlingCodes == null ? Set.of() : Set.copyOf(handlingCodes);
            types = types == null ? Set.of() : Set.copyOf(types);
            expiresAfter = expiresAfter == null ? DEFAULT_EXPIRY : expiresAfter;
            if (expiresAfter.compareTo(Duration.ofSeconds(1)) < 0 || expiresAfter.compareTo(LONGEST_EXPIRY) > 0) {
                throw new IllegalArgumentException("expiresAfter must be from 1 second to 90 days");
            }
        }

        /** Whether these criteria hold {@code notice} for its agency's approval. */
        public boolean holds(Notice notice) {
            return all
                    || (classificationAtLeast != null && notice.markings().classification().compareTo(classificationAtLeast) >= 0)
                    || handlingCodes.contains(notice.markings().handlingCode())
                    || types.contains(notice.type());
        }

        /** Whether these criteria hold nothing. */
        public boolean holdsNothing() {
            return !all && classificationAtLeast == null && handlingCodes.isEmpty() && types.isEmpty();
        }

        /** The handling codes in their order, for display and stable JSON. */
        public List<HandlingCode> sortedHandlingCodes() {
            return handlingCodes.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(handlingCodes));
        }

        /** The types in their order, for display and stable JSON. */
        public List<NoticeType> sortedTypes() {
            return types.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(types));
        }
    }

    /** From {@code from} on, {@code criteria} (until the next rule). */
    public record Rule(Instant from, Criteria criteria) {

        public Rule {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(criteria, "criteria");
        }
    }

    public ReleasePolicy {
        Objects.requireNonNull(agency, "agency");
        rules = List.copyOf(rules);
        for (int i = 1; i < rules.size(); i++) {
            if (!rules.get(i - 1).from().isBefore(rules.get(i).from())) {
                throw new IllegalArgumentException("an agency's release rules must be in the order of their dates");
            }
        }
    }

    /** An agency no administrator gave a policy: nothing held. */
    public static ReleasePolicy none(String agency) {
        return new ReleasePolicy(agency, List.of());
    }

    /** The criteria in force at {@code time}. */
    public Criteria criteriaAt(Instant time) {
        return ruleAt(time).map(Rule::criteria).orElse(NONE);
    }

    /** The rule in force at {@code time}, if any. */
    public Optional<Rule> ruleAt(Instant time) {
        return rules.stream().filter(r -> !r.from().isAfter(time)).max(Comparator.comparing(Rule::from));
    }

    /** The last rule chosen (in force now or soon), if any. */
    public Optional<Rule> last() {
        return rules.isEmpty() ? Optional.empty() : Optional.of(rules.getLast());
    }

    /** This history with {@code criteria} from {@code from} on: rules dated at or after {@code from} give way. */
    public ReleasePolicy changedTo(Criteria criteria, Instant from) {
        List<Rule> kept = new ArrayList<>(rules.stream().filter(r -> r.from().isBefore(from)).toList());
        kept.add(new Rule(from, criteria));
        return new ReleasePolicy(agency, kept);
    }
}
