package eu.synergie.search;

import eu.synergie.core.notice.Folding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the words of a title or summary that a free-text query matched. Done here rather than by
 * Elasticsearch's highlighter because matching runs on a folded copy of the text (folded in Java: the
 * node may lack the analysis modules), so Elasticsearch could only mark the folded copy; this marks the
 * words as the originator wrote them, by folding each word the way the query was folded.
 */
final class Highlighter {

    private static final Pattern QUERY_PART = Pattern.compile("([+\\-]?)(\"[^\"]*\"?|[^\\s\"]+)");
    private static final int FRAGMENT = 280;
    private static final int LEAD = 80;

    /** A folded word of the query; {@code prefix} for {@code word*}. */
    private record Term(String folded, boolean prefix) {
    }

    private final List<Term> terms;

    private Highlighter(List<Term> terms) {
        this.terms = terms;
    }

    /** The positive words of a simple-query-string text: negated words and phrases are never marked. */
    static Highlighter of(String queryText) {
        return of(queryText, List.of());
    }

    /** As {@link #of(String)}, and {@code alsoWords} (folded single words the search also looked for) too. */
    static Highlighter of(String queryText, List<String> alsoWords) {
        List<Term> terms = new ArrayList<>();
        for (String word : alsoWords) {
            terms.add(new Term(Folding.fold(word), false));
        }
        Matcher part = QUERY_PART.matcher(queryText);
        while (part.find()) {
            if (part.group(1).equals("-")) {
                continue;
            }
            String body = part.group(2);
            boolean phrase = body.startsWith("\"");
            boolean prefix = !phrase && body.endsWith("*");
            String folded = Folding.fold(body);
            List<String> words = new ArrayList<>();
            for (int start = wordAt(folded, 0); start >= 0; ) {
                int end = endOfWord(folded, start);
                words.add(folded.substring(start, end));
                start = wordAt(folded, end);
            }
            for (int i = 0; i < words.size(); i++) {
                terms.add(new Term(words.get(i), prefix && i == words.size() - 1));
            }
        }
        return new Highlighter(List.copyOf(terms));
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The text HTML-escaped with matched words in {@code <mark>}, or null when no word matched. */
    String mark(String text) {
        return mark(text, Integer.MAX_VALUE);
    }

    /** As {@link #mark(String)}, cut to a fragment around the first match when longer than a snippet. */
    String fragment(String text) {
        return mark(text, FRAGMENT);
    }

    private String mark(String text, int maxLength) {
        if (text == null || terms.isEmpty()) {
            return null;
        }
        List<int[]> marks = new ArrayList<>();
        for (int start = wordAt(text, 0); start >= 0; ) {
            int end = endOfWord(text, start);
            if (matches(Folding.fold(text.substring(start, end)))) {
                marks.add(new int[]{start, end});
            }
            start = wordAt(text, end);
        }
        if (marks.isEmpty()) {
            return null;
        }
        int from = 0;
        int to = text.length();
        if (text.length() > maxLength) {
            from = wordStart(text, Math.max(0, marks.getFirst()[0] - LEAD));
            to = wordEnd(text, Math.min(text.length(), from + maxLength));
        }
        StringBuilder out = new StringBuilder(to - from + marks.size() * 13 + 2);
        if (from > 0) {
            out.append('…');
        }
        int at = from;
        for (int[] m : marks) {
            if (m[0] < from || m[1] > to) {
                continue;
            }
            escape(text, at, m[0], out);
            out.append("<mark>");
            escape(text, m[0], m[1], out);
            out.append("</mark>");
            at = m[1];
        }
        escape(text, at, to, out);
        if (to < text.length()) {
            out.append('…');
        }
        return out.toString();
    }

    private boolean matches(String foldedWord) {
        for (Term term : terms) {
            if (term.prefix() ? foldedWord.startsWith(term.folded()) : foldedWord.equals(term.folded())) {
                return true;
            }
        }
        return false;
    }

    /*
     * A word is a run of letters, marks and digits, continued across an apostrophe (' or ’) between two of them: « l'été »
     * and « d’argent » are one word each. Scanned by hand rather than with the regular expression that says the same
     * ([\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*), which took half of the highlighter's time in a profile of the
     * gateway at 10 M notices (folding each word most of the rest); HighlighterTest checks the two find the same words.
     */

    /** Where the first word at or after {@code from} starts, or -1 when there is none. */
    static int wordAt(String text, int from) {
        for (int i = from; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (isWordCharacter(c)) {
                return i;
            }
            i += Character.charCount(c);
        }
        return -1;
    }

    /** Where the word starting at {@code start} ends (exclusive). */
    static int endOfWord(String text, int start) {
        int at = endOfRun(text, start);
        while (at + 1 < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '’')
                && isWordCharacter(text.codePointAt(at + 1))) {
            at = endOfRun(text, at + 1);
        }
        return at;
    }

    private static int endOfRun(String text, int at) {
        while (at < text.length()) {
            int c = text.codePointAt(at);
            if (!isWordCharacter(c)) {
                break;
            }
            at += Character.charCount(c);
        }
        return at;
    }

    private static boolean isWordCharacter(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER,
                 Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    private static int wordStart(String text, int at) {
        while (at > 0 && !Character.isWhitespace(text.charAt(at - 1))) {
            at--;
        }
        return at;
    }

    private static int wordEnd(String text, int at) {
        while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
