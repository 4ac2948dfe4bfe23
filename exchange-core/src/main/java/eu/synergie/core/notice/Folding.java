package eu.synergie.core.notice;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Case and accent folding, the same at indexing and at query time, so that {@code "Évasion"},
 * {@code "EVASION"} and {@code "évasion"} meet. Done in Java rather than by an Elasticsearch token filter,
 * so that matching never depends on an analysis module a cluster may lack. Arabic is normalised as Lucene's
 * {@code ArabicNormalizer} does: vowel marks (harakat) and tatweel go; the hamza and madda forms of alef (أ إ آ), and
 * alef wasla (ٱ), become bare alef ا (the decomposition does the first three); taa marbuta ة becomes haa ه and alef
 * maksura ى becomes yaa ي, so that the spellings writers mix up meet. The typographic apostrophe ’ becomes ' (« d’argent »
 * as word processors write it, « d'argent » as keyboards do). Changing what folding does changes what the
 * index holds: indices made by an earlier version are to be rebuilt.
 */
public final class Folding {

    private static final Pattern MARKS = Pattern.compile("[\\p{Mn}\\u0640]+");

    private Folding() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        // Most words a search page's highlighter folds are plain ASCII, for which the full path below (five passes, one
        // of them a regular expression) comes down to the case alone.
        return isAscii(text) ? text.toLowerCase(Locale.ROOT) : foldFully(text);
    }

    /** The whole folding, whatever the text: what {@link #fold} gives, by the long way. */
    static String foldFully(String text) {
        String expanded = text.replace("ß", "ss").replace("Œ", "OE").replace("œ", "oe")
                .replace("Æ", "AE").replace("æ", "ae").replace("ı", "i");
        // After the decomposition, which turns Arabic presentation forms (ﺓ, ﻯ, ﭐ as PDFs paste them) into the letters.
        String decomposed = Normalizer.normalize(expanded, Normalizer.Form.NFKD)
                .replace('\u0671', '\u0627').replace('\u0629', '\u0647').replace('\u0649', '\u064A').replace('’', '\'');
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
