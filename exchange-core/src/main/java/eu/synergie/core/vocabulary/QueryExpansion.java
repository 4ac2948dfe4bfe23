package eu.synergie.core.vocabulary;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search text in the simple query syntax with its words widened across languages: each word, run of words or quoted
 * phrase that is a label of a concept becomes a group of all that concept's labels, {@code ("cocaine" | "cocaina" |
 * "kokain" | …)}, in the same syntax, so that the rest of the text (other words, {@code +}, {@code -}, {@code *},
 * phrases) keeps its meaning. Negated and prefix words are never widened: {@code -cocaine} excludes what was written.
 *
 * @param text  the text to search with (the one given when nothing was widened)
 * @param terms what was widened, in the order of the text
 */
public record QueryExpansion(String text, List<ExpandedTerm> terms) {

    /**
     * @param written      the word or words as the analyst wrote them
     * @param concept      the concept they name (its id in the vocabulary)
     * @param alsoSearched the concept's preferred labels in the other languages, as written there (what the analyst is
     *                     shown; the search also covers their variants)
     */
    public record ExpandedTerm(String written, String concept, List<String> alsoSearched) {
        public ExpandedTerm {
            alsoSearched = List.copyOf(alsoSearched);
        }
    }

    /** A quoted phrase (closed or not), or a run of anything else up to white space or a quote. */
    private static final Pattern TOKEN = Pattern.compile("\"[^\"]*\"?|[^\\s\"]+");
    /** A word that may be widened: letters, digits, apostrophes and inner hyphens or dots, no operator. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{M}\\p{N}][\\p{L}\\p{M}\\p{N}'’.\\-]*");

    public QueryExpansion {
        terms = List.copyOf(terms);
    }

    /** Whether anything was widened. */
    public boolean widened() {
        return !terms.isEmpty();
    }

    static QueryExpansion of(Vocabulary vocabulary, String text) {
        if (text == null || text.isBlank()) {
            return new QueryExpansion(text == null ? "" : text, List.of());
        }
        List<String> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            tokens.add(token.group());
        }
        List<String> out = new ArrayList<>(tokens.size());
        List<ExpandedTerm> terms = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            String current = tokens.get(i);
            if (current.startsWith("\"")) {
                String inner = current.substring(1, current.endsWith("\"") && current.length() > 1 ? current.length() - 1 : current.length());
                Vocabulary.Concept concept = vocabulary.named(Vocabulary.fold(inner));
                out.add(concept == null ? current : group(inner, concept, terms));
                i++;
                continue;
            }
            int run = 0;
            while (i + run < tokens.size() && PLAIN.matcher(tokens.get(i + run)).matches()) {
                run++;
            }
            Vocabulary.Concept concept = null;
            int length = Math.min(run, vocabulary.longestLabel());
            for (; length >= 1; length--) {
                concept = vocabulary.named(Vocabulary.fold(String.join(" ", tokens.subList(i, i + length))));
                if (concept != null) {
                    break;
                }
            }
            if (concept == null) {
                out.add(current);
                i++;
            } else {
                out.add(group(String.join(" ", tokens.subList(i, i + length)), concept, terms));
                i += length;
            }
        }
        return new QueryExpansion(terms.isEmpty() ? text : String.join(" ", out), terms);
    }

    private static String group(String written, Vocabulary.Concept concept, List<ExpandedTerm> terms) {
        String folded = Vocabulary.fold(written);
        Set<String> alternatives = new LinkedHashSet<>();
        alternatives.add(folded);
        alternatives.addAll(concept.labels());
        StringBuilder group = new StringBuilder("(");
        for (String alternative : alternatives) {
            if (group.length() > 1) {
                group.append(" | ");
            }
            group.append('"').append(alternative.replace("\"", "").replace("\\", "")).append('"');
        }
        Set<String> shown = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>(List.of(folded));
        for (String label : concept.preferred().values()) {
            if (seen.add(Vocabulary.fold(label))) {
                shown.add(label);
            }
        }
        terms.add(new ExpandedTerm(written, concept.id(), List.copyOf(shown)));
        return group.append(')').toString();
    }
}
