package eu.synergie.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What every benchmark's option parser shares: the words of the command line, an option's value, a positive count. */
final class OptionWords {

    private OptionWords() {
    }

    /** The words of {@code args}: exec:exec passes the options as one argument when they come from one property. */
    static List<String> of(String[] args) {
        List<String> words = new ArrayList<>();
        Arrays.stream(args).map(String::strip).filter(a -> !a.isEmpty()).forEach(a -> words.addAll(List.of(a.split("\\s+"))));
        return words;
    }

    /** The word after {@code option}, at {@code i}. */
    static String value(List<String> words, int i, String option) {
        if (i >= words.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.get(i);
    }

    /** A count above 0, written {@code 20000}, {@code 20_000} or {@code 20,000}. */
    static int positive(String option, String value) {
        int n;
        try {
            n = Integer.parseInt(value.strip().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return n;
    }
}
