package eu.synergie.search;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What marking a search page's words costs in the gateway: a page of twenty hits (titles and summaries in French,
 * Dutch, German, Spanish, Arabic and English, as the demo data and the load generator write them) marked for a query
 * widened across languages, as {@link ElasticsearchNoticeIndex#search} does for every page. Beside it, as the baseline
 * of the same run, lower-casing the same texts once ({@code lowerCasePage}): a pass over the same characters, to read
 * the highlighter's cost as a ratio that holds from one machine to another.
 *
 * <p>Not a test (no *Test or *IT name), so {@code ./mvnw verify} never runs it. Run it, from the repository root, with:
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q -pl search test-compile exec:exec
 * </pre>
 *
 * {@code jmh.args} takes any JMH option; without it, search/pom.xml uses {@code -f 1 -wi 3 -i 5 -w 2s -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HighlightBenchmark {

    private static final String QUERY = "blanchiment \"sociétés écrans\" virem*";
    /** The labels the vocabulary widens « blanchiment » to, folded, as the gateway passes them. */
    private static final List<String> WIDENED = List.of("witwassen", "geldwasche", "blanqueo", "laundering",
            "غسيل");
    private static final String[][] NOTICES = {
        {"Blanchiment par sociétés écrans à Marseille",
            "Virements fractionnés de 9 500 € vers des comptes ouverts à Anvers et à Casablanca par trois sociétés écrans "
                + "domiciliées chez le même expert-comptable. L'enquête porte sur 2,4 M€ depuis janvier ; les gérants "
                + "de paille ont été identifiés par l'OCRGDF. Demande d'entraide en cours avec la CTIF."},
        {"Witwassen via vastgoed in Antwerpen",
            "Aankoop van appartementen met contant geld via een netwerk van stromannen; de notaris meldde drie "
                + "verdachte transacties aan de CFI. Verband met een drugsnetwerk in Rotterdam wordt onderzocht."},
        {"Geldwäsche über Scheinfirmen in Frankfurt",
            "Überweisungen in Tranchen unter der Meldeschwelle an Konten in Zypern und Malta; die Geschäftsführer "
                + "sind Strohmänner. Das BKA prüft Verbindungen zu einem Netzwerk für Umsatzsteuerbetrug (Karussell)."},
        {"Blanqueo de capitales mediante criptoactivos",
            "Conversión de efectivo en bitcoin a través de cajeros en Málaga y Marbella; las carteras se vacían en "
                + "menos de una hora hacia un mezclador. La UDEF solicita información sobre dos ciudadanos franceses."},
        {"غسيل الأموال عبر شركات وهمية في طنجة",
            "تحويلات مالية مجزأة نحو حسابات في مرسيليا وأنتويرب بواسطة ثلاث شركات وهمية يديرها شخص واحد؛ "
                + "تطلب المديرية العامة للأمن الوطني معلومات عن المستفيدين الحقيقيين."},
        {"Escroquerie aux faux ordres de virement visant des PME",
            "Des courriels usurpant l'identité de dirigeants ont obtenu quatre virements vers des comptes en Lituanie ; "
                + "les fonds ont été retirés en espèces à Vilnius le lendemain. Plainte de la société d’armement Méditerranée."},
        {"Money laundering through trade invoices",
            "Over-invoiced shipments of textiles between Tangier and Rotterdam move value to shell companies in Dubai; "
                + "the customs service flagged 41 containers. Links to a cocaine network are being examined."},
        {"Trafic de cocaïne au port du Havre",
            "Saisie de 1,2 tonne dans un conteneur de bananes ; les dockers corrompus étaient payés par virement sur des "
                + "comptes de sociétés écrans. Les mêmes IBAN apparaissent dans une notice belge de mars."},
    };
    private static final int PAGE = 20;

    private final String[] titles = new String[PAGE];
    private final String[] summaries = new String[PAGE];

    public HighlightBenchmark() {
        for (int i = 0; i < PAGE; i++) {
            titles[i] = NOTICES[i % NOTICES.length][0];
            summaries[i] = NOTICES[i % NOTICES.length][1];
        }
    }

    /** One page's highlights: the query's terms, then each hit's title marked and its summary cut to a marked fragment. */
    @Benchmark
    public int highlightPage() {
        Highlighter highlighter = Highlighter.of(QUERY, WIDENED);
        int length = 0;
        for (int i = 0; i < PAGE; i++) {
            length += lengthOf(highlighter.mark(titles[i])) + lengthOf(highlighter.fragment(summaries[i]));
        }
        return length;
    }

    /** The baseline: the same texts lower-cased once each. */
    @Benchmark
    public int lowerCasePage() {
        int length = 0;
        for (int i = 0; i < PAGE; i++) {
            length += titles[i].toLowerCase(Locale.ROOT).length() + summaries[i].toLowerCase(Locale.ROOT).length();
        }
        return length;
    }

    private static int lengthOf(String marked) {
        return marked == null ? 0 : marked.length();
    }
}
