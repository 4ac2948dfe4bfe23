package eu.synergie.core.notice;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Case and accent folding, the same at indexing and at query time, so that {@code "Évasion"},
 * {@code "EVASION"} and {@code "évasion"} meet. Done in Java rather than by an Elasticsearch token filter,
 * so that matching never depends on an analysis module a cluster may lack; Arabic vowel marks (harakat)
 * and tatweel go too, as readers of Arabic expect.
 */
public final class Folding {

    private static final Pattern MARKS = Pattern.compile("[\\p{Mn}\\u0640]+");

    private Folding() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String expanded = text.replace("ß", "ss").replace("Œ", "OE").replace("œ", "oe")
                .replace("Æ", "AE").replace("æ", "ae").replace("ı", "i");
        String decomposed = Normalizer.normalize(expanded, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
