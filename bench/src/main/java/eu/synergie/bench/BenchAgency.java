package eu.synergie.bench;

import java.util.List;
import java.util.Locale;

/**
 * An agency whose feed the benchmark plays: the demo agencies of the realm, each with its feed client,
 * its regions, the languages its analysts write in and its share of the traffic.
 *
 * @param share     fraction of all notices this agency publishes
 * @param regions   its regions, with the fraction of its notices that go to each
 * @param languages the languages of its notices, with their fractions
 */
record BenchAgency(String code, String name, String country, double share, List<Weighted<String>> regions,
                   List<Weighted<Corpus.Language>> languages, List<String> caseRefPrefixes) {

    /** A value and its weight in a draw. */
    record Weighted<T>(T value, double weight) {
    }

    /** FR-DGPN, BE-PJF, DE-BKA, ES-CNP and MA-DGSN, as in {@code synergie-realm.json}. */
    static final List<BenchAgency> DEMO = List.of(
            new BenchAgency("FR-DGPN", "Direction générale de la Police nationale (France)", "FR", 0.30,
                    List.of(w("EU-WEST", 0.7), w("MED", 0.3)),
                    List.of(w(Corpus.FRENCH, 0.85), w(Corpus.ENGLISH, 0.15)),
                    List.of("OFAST", "OCRIEST", "PJ-MRS", "BRB-PP", "OCLCO")),
            new BenchAgency("BE-PJF", "Police judiciaire fédérale (Belgique)", "BE", 0.15,
                    List.of(w("EU-WEST", 1.0)),
                    List.of(w(Corpus.DUTCH, 0.55), w(Corpus.FRENCH, 0.35), w(Corpus.ENGLISH, 0.10)),
                    List.of("FGP-ANT", "FGP-BRU", "FGP-LIE")),
            new BenchAgency("DE-BKA", "Bundeskriminalamt (Deutschland)", "DE", 0.20,
                    List.of(w("EU-CENTRAL", 1.0)),
                    List.of(w(Corpus.GERMAN, 0.85), w(Corpus.ENGLISH, 0.15)),
                    List.of("BKA-SO", "BKA-OK", "LKA-HH")),
            new BenchAgency("ES-CNP", "Cuerpo Nacional de Policía (España)", "ES", 0.20,
                    List.of(w("EU-WEST", 0.55), w("MED", 0.45)),
                    List.of(w(Corpus.SPANISH, 0.85), w(Corpus.ENGLISH, 0.15)),
                    List.of("UDYCO", "UCRIF", "UDEF")),
            new BenchAgency("MA-DGSN", "Direction générale de la Sûreté nationale (Maroc)", "MA", 0.15,
                    List.of(w("MED", 1.0)),
                    List.of(w(Corpus.ARABIC, 0.6), w(Corpus.FRENCH, 0.4)),
                    List.of("DGSN-BNPJ", "DGSN-BCI")));

    /** The agency's feed client in the demo realm. */
    String feedClient() {
        return "feed-" + code.toLowerCase(Locale.ROOT);
    }

    /** The demo secret of that client (README, "Run"). */
    String feedSecret() {
        return "demo-secret-" + code.toLowerCase(Locale.ROOT);
    }

    List<String> regionNames() {
        return regions.stream().map(Weighted::value).toList();
    }

    private static <T> Weighted<T> w(T value, double weight) {
        return new Weighted<>(value, weight);
    }
}
