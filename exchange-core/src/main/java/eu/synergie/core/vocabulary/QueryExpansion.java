package eu.synergie.core.vocabulary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search text in the simple query syntax with its words widened across languages: each word, run of words or quoted
 * phrase that is a label of a concept becomes a group of what was written and all that concept's labels,
 * {@code (cocaine | "cocaina" | "kokain" | …)}, spliced into the text where it stood, so that everything else (other
 * words, {@code +}, {@code -}, {@code *}, {@code ~}, phrases) keeps its meaning. A run of words written without quotes
 * stays words (all of them, anywhere: {@code (blanchiment d'argent)}), so that widening only ever adds what the words
 * alone found; the other languages' labels are phrases. Negated, prefix and proximity words and phrases are never
 * widened ({@code -cocaine} excludes what was written). A concept is widened once per text, and at most
 * {@link #MAX_CONCEPTS} concepts: a text that names more is searched as written beyond them, so that no text can make
 * a query of thousands of clauses.
 *
 * @param text  the text to search with (the one given when nothing was widened)
 * @param terms what was widened, in the order of the text
 * @param words the single words of the labels searched besides the text's own, for highlighting (a label of several
 *              words is not marked word by word: its « de » and « in » would be marked everywhere)
 */
public record QueryExpansion(String text, List<ExpandedTerm> terms, List<String> words) {

    /** Concepts widened at most in one text. */
    public static final int MAX_CONCEPTS = 5;

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
        words = List.copyOf(words);
    }

    /** The text as written, nothing widened. */
    public static QueryExpansion none(String text) {
        return new QueryExpansion(text == null ? "" : text, List.of(), List.of());
    }

    /** Whether anything was widened. */
    public boolean widened() {
        return !terms.isEmpty();
    }

    private record Token(String value, int start, int end) {
    }

    static QueryExpansion of(Vocabulary vocabulary, String text) {
        if (text == null || text.isBlank()) {
            return none(text);
        }
        List<Token> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            tokens.add(new Token(token.group(), token.start(), token.end()));
        }
        StringBuilder out = new StringBuilder(text.length() * 4);
        List<ExpandedTerm> terms = new ArrayList<>();
        Set<String> words = new LinkedHashSet<>();
        Set<String> widenedConcepts = new HashSet<>();
        int copied = 0;
        int i = 0;
        while (i < tokens.size()) {
            Token current = tokens.get(i);
            int length = 0;
            Vocabulary.Concept concept = null;
            boolean phrase = current.value().startsWith("\"");
            if (phrase) {
                if (current.value().length() > 1 && current.value().endsWith("\"") && standsAlone(text, current.start(), current.end())) {
                    concept = vocabulary.named(Vocabulary.fold(current.value().substring(1, current.value().length() - 1)));
                    length = 1;
                }
            } else {
                int run = 0;
                while (i + run < tokens.size() && PLAIN.matcher(tokens.get(i + run).value()).matches()
                        && standsAlone(text, tokens.get(i + run).start(), tokens.get(i + run).end())) {
                    run++;
                }
                for (length = Math.min(run, vocabulary.longestLabel()); length >= 1; length--) {
                    concept = vocabulary.named(Vocabulary.fold(text.substring(current.start(), tokens.get(i + length - 1).end())));
                    if (concept != null) {
                        break;
                    }
                }
            }
            if (concept == null || widenedConcepts.contains(concept.id()) || widenedConcepts.size() == MAX_CONCEPTS) {
                i++;
                continue;
            }
            widenedConcepts.add(concept.id());
            int end = tokens.get(i + length - 1).end();
            String written = text.substring(current.start(), end);
            out.append(text, copied, current.start()).append(group(written, phrase, concept, terms, words));
            copied = end;
            i += length;
        }
        if (terms.isEmpty()) {
            return none(text);
        }
        return new QueryExpansion(out.append(text, copied, text.length()).toString(), terms, List.copyOf(words));
    }

    /**
     * White space on both sides: nothing glued to it, so not negated ({@code -}), required ({@code +}), a prefix
     * ({@code *}) or a proximity ({@code ~}); such words and phrases are searched as written.
     */
    private static boolean standsAlone(String text, int start, int end) {
        return (start == 0 || Character.isWhitespace(text.charAt(start - 1)))
                && (end == text.length() || Character.isWhitespace(text.charAt(end)));
    }

    private static String group(String written, boolean phrase, Vocabulary.Concept concept, List<ExpandedTerm> terms,
                                Set<String> words) {
        String folded = Vocabulary.fold(phrase ? written.substring(1, written.length() - 1) : written);
        StringBuilder group = new StringBuilder("(");
        // What was written first, as it was written: words stay words, a phrase stays a phrase.
        group.append(phrase || !written.contains(" ") ? written : "(" + written + ")");
        for (String label : concept.labels()) {
            if (label.equals(folded)) {
                continue;
            }
            group.append(" | \"").append(label.replace("\"", "").replace("\\", "")).append('"');
            if (!label.contains(" ")) {
                words.add(label);
            }
        }
        Set<String> shown = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>(List.of(folded));
        for (String label : concept.preferred().values()) {
            if (seen.add(Vocabulary.fold(label))) {
                shown.add(label);
            }
        }
        terms.add(new ExpandedTerm(phrase ? written.substring(1, written.length() - 1) : written, concept.id(), List.copyOf(shown)));
        return group.append(')').toString();
    }
}
