package eu.synergie.core.vocabulary;

import eu.synergie.core.notice.Folding;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The crime concepts searches expand over: a W3C SKOS concept scheme written as JSON-LD (each concept an {@code id}, a
 * {@code prefLabel} per language, {@code altLabel}s per language, a {@code broader} concept), read as plain JSON in the
 * compacted shape of {@code vocabulary/crime-concepts.jsonld}. Labels are kept folded ({@link Folding}), as the index
 * keeps text, so that a label matches a word however it is accented or cased.
 * <p>
 * A word two languages use for two concepts (pt « sequestro », kidnapping; it « sequestro », seizure) names neither:
 * the query does not say its language, so it is searched as written. Within one language a label names one concept.
 * <p>
 * Arabic writes the definite article joined to the word (الكوكايين), which the index's tokenizer keeps as one word:
 * every Arabic label of one word is therefore also known with the article, so that either form names the concept and
 * the expansion searches both.
 */
public final class Vocabulary {

    /** The languages every concept must be labelled in. */
    public static final List<String> LANGUAGES = List.of("fr", "en", "es", "de", "nl", "it", "pt", "ar");
    private static final String BUILT_IN = "/vocabulary/crime-concepts.jsonld";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final String ARABIC_ARTICLE = "ال";

    /** A concept and its labels, folded, in the order searches list them (preferred labels first, by language). */
    public record Concept(String id, String broader, Map<String, String> preferred, List<String> labels) {
        public Concept {
            preferred = Collections.unmodifiableMap(new LinkedHashMap<>(preferred));
            labels = List.copyOf(labels);
        }
    }

    private static volatile Vocabulary builtIn;

    private final Map<String, Concept> concepts;
    /** Folded label, words separated by one space → the concept it names. */
    private final Map<String, Concept> byLabel;
    private final int longestLabel;

    private Vocabulary(Map<String, Concept> concepts, Map<String, Concept> byLabel) {
        this.concepts = Map.copyOf(concepts);
        this.byLabel = Map.copyOf(byLabel);
        this.longestLabel = byLabel.keySet().stream().mapToInt(label -> label.split(" ").length).max().orElse(1);
    }

    /** The vocabulary shipped with Synergie. */
    public static Vocabulary builtIn() {
        Vocabulary known = builtIn;
        if (known == null) {
            try (InputStream in = Vocabulary.class.getResourceAsStream(BUILT_IN)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in vocabulary " + BUILT_IN + " is missing from the classpath");
                }
                known = read(in.readAllBytes(), BUILT_IN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = known;
        }
        return known;
    }

    /** An operator's vocabulary, in the same shape as the built-in one. */
    public static Vocabulary of(Path file) {
        try {
            return read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vocabulary " + file + ": " + e.getMessage(), e);
        }
    }

    static Vocabulary read(byte[] json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode graph = root.path("@graph");
        if (!graph.isArray()) {
            throw new IllegalArgumentException(source + ": no \"@graph\" array of concepts");
        }
        Map<String, Concept> concepts = new LinkedHashMap<>();
        // Folded label → language → the concept it names there; a label may name one concept per language.
        Map<String, Map<String, Concept>> named = new HashMap<>();
        for (JsonNode node : graph) {
            if (!"skos:Concept".equals(node.path("type").asString(""))) {
                continue;
            }
            Map<String, Set<String>> byLanguage = new LinkedHashMap<>();
            Concept concept = concept(node, source, byLanguage);
            if (concepts.put(concept.id(), concept) != null) {
                throw new IllegalArgumentException(source + ": concept " + concept.id() + " is given twice");
            }
            byLanguage.forEach((language, labels) -> {
                for (String label : labels) {
                    Concept other = named.computeIfAbsent(label, l -> new HashMap<>()).putIfAbsent(language, concept);
                    if (other != null && other != concept) {
                        throw new IllegalArgumentException(source + ": the " + language + " label \"" + label
                                + "\" names both " + other.id() + " and " + concept.id());
                    }
                }
            });
        }
        Map<String, Concept> byLabel = new HashMap<>();
        named.forEach((label, byLanguage) -> {
            Set<Concept> meanings = new HashSet<>(byLanguage.values());
            // Two languages' words for two things (pt "sequestro", kidnapping; it "sequestro", seizure): the query does
            // not say which language it is in, so the word is searched as written, never widened.
            if (meanings.size() == 1) {
                byLabel.put(label, meanings.iterator().next());
            }
        });
        for (Concept concept : concepts.values()) {
            if (concept.broader() != null && !concepts.containsKey(concept.broader())) {
                throw new IllegalArgumentException(source + ": " + concept.id() + " has the broader concept " + concept.broader()
                        + ", which the vocabulary does not define");
            }
        }
        if (concepts.isEmpty()) {
            throw new IllegalArgumentException(source + ": no skos:Concept in \"@graph\"");
        }
        return new Vocabulary(concepts, byLabel);
    }

    private static Concept concept(JsonNode node, String source, Map<String, Set<String>> byLanguage) {
        String id = node.path("id").asString("");
        if (id.isBlank()) {
            throw new IllegalArgumentException(source + ": a concept has no id");
        }
        Map<String, String> preferred = new LinkedHashMap<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String language : LANGUAGES) {
            String label = node.path("prefLabel").path(language).asString("");
            if (label.isBlank()) {
                throw new IllegalArgumentException(source + ": " + id + " has no prefLabel in " + language);
            }
            preferred.put(language, label.strip());
            labels.addAll(forms(label, language));
            byLanguage.computeIfAbsent(language, l -> new LinkedHashSet<>()).addAll(forms(label, language));
        }
        node.path("altLabel").properties().forEach(entry -> {
            List<JsonNode> values = new ArrayList<>();
            if (entry.getValue().isArray()) {
                entry.getValue().forEach(values::add);
            } else {
                values.add(entry.getValue());
            }
            for (JsonNode value : values) {
                if (!value.asString("").isBlank()) {
                    labels.addAll(forms(value.asString(), entry.getKey()));
                    byLanguage.computeIfAbsent(entry.getKey(), l -> new LinkedHashSet<>()).addAll(forms(value.asString(), entry.getKey()));
                }
            }
        });
        String broader = node.path("broader").asString(null);
        return new Concept(id, broader == null || broader.isBlank() ? null : broader, preferred, new ArrayList<>(labels));
    }

    /** The folded label, and for a one-word Arabic label its form with the article, or without it. */
    private static List<String> forms(String label, String language) {
        String folded = fold(label);
        if (!language.equals("ar") || folded.contains(" ")) {
            return List.of(folded);
        }
        String bare = folded.startsWith(ARABIC_ARTICLE) && folded.length() > 3 ? folded.substring(2) : folded;
        return bare.equals(folded) ? List.of(folded, ARABIC_ARTICLE + folded) : List.of(folded, bare);
    }

    /** A label or a run of query words as the vocabulary keys it: folded, words separated by one space. */
    static String fold(String text) {
        return SPACES.matcher(Folding.fold(text).strip()).replaceAll(" ");
    }

    /** The concept a folded label names, or null. */
    Concept named(String foldedLabel) {
        return byLabel.get(foldedLabel);
    }

    int longestLabel() {
        return longestLabel;
    }

    public int size() {
        return concepts.size();
    }

    public Concept concept(String id) {
        return concepts.get(id);
    }

    /** The search text with each word or run of words that is a label widened to all its concept's labels. */
    public QueryExpansion expand(String text) {
        return QueryExpansion.of(this, text);
    }
}
