package eu.synergie.gateway.demo;

import eu.synergie.core.envelope.MarkingsLabel;
import eu.synergie.core.envelope.NoticeSealer;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.HybridEnvelopeSealer;
import eu.synergie.crypto.envelope.HybridRecipient;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.index.NoticeQuery;
import eu.synergie.core.index.NoticeSummary;
import eu.synergie.core.intake.NoticeIntake;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import eu.synergie.core.trust.TrustService;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pkcs12;
import eu.synergie.gateway.keys.ExchangeKeys;
import eu.synergie.gateway.wiring.SynergieProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.UUID;

/**
 * Loads the demo once: five agencies are registered in the trust registry and get a key pair and a
 * certificate from the exchange CA (kept in
 * {@code <home>/demo/agencies}, so they can seal more notices later), and fifteen notices in French,
 * Dutch, Spanish, German, Arabic and English are sealed with their agency's key and published through
 * the same intake as {@code POST /api/v1/notices}. One agency, MA-DGSN, seals in the hybrid profile (issue 20: it
 * also has an ML-DSA-65 certificate and its own ML-KEM-768 key, as {@code synergie keygen --profile hybrid} makes),
 * so the demo shows both profiles side by side. Start-up then waits until the indexer has them.
 */
public final class DemoData implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    private final eu.synergie.gateway.api.ReportDesk reports;
    // The aliases of the CLI's hybrid key store (AgencyKeyStore), so that a demo key file reads like one.
    private static final String ML_DSA_ALIAS = "agency-ml-dsa";
    private static final String ML_KEM_ALIAS = "agency-ml-kem";

    /** The demo agencies and their regions; the same as the feed clients of the demo realm. */
    static final Map<String, Set<String>> AGENCIES = Map.of(
            "FR-DGPN", Set.of("EU-WEST", "MED"),
            "BE-PJF", Set.of("EU-WEST"),
            "DE-BKA", Set.of("EU-CENTRAL"),
            "ES-CNP", Set.of("EU-WEST", "MED"),
            "MA-DGSN", Set.of("MED"));

    /** The demo agencies that seal hybrid envelopes. */
    static final Set<String> HYBRID = Set.of("MA-DGSN");

    private static final Map<String, String> NAMES = Map.of(
            "FR-DGPN", "Direction générale de la Police nationale (France)",
            "BE-PJF", "Police judiciaire fédérale (Belgique)",
            "DE-BKA", "Bundeskriminalamt (Deutschland)",
            "ES-CNP", "Cuerpo Nacional de Policía (España)",
            "MA-DGSN", "Direction générale de la Sûreté nationale (Maroc)");

    private final ExchangeKeys keys;
    private final TrustService trust;
    private final NoticeIntake intake;
    private final NoticeIndex index;
    private final AccessPolicy policy;
    private final SynergieProperties properties;

    public DemoData(ExchangeKeys keys, TrustService trust, NoticeIntake intake, NoticeIndex index, AccessPolicy policy,
                    SynergieProperties properties, eu.synergie.gateway.api.ReportDesk reports) {
        this.reports = reports;
        this.keys = keys;
        this.trust = trust;
        this.intake = intake;
        this.index = index;
        this.policy = policy;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!properties.demo().enabled()) {
            return;
        }
        Path demo = properties.home().resolve("demo");
        Path loaded = demo.resolve("loaded");
        if (Files.exists(loaded)) {
            LOG.info("demo notices already loaded ({} exists)", loaded);
            return;
        }
        Map<String, Integer> published = new HashMap<>();
        Instant now = Instant.now();
        List<JsonNode> all = new java.util.ArrayList<>();
        notices().forEach(notice -> all.add(shifted(notice, now)));
        all.addAll(phishingWave(now));
        for (JsonNode notice : all) {
            String agency = notice.get("originAgency").asString();
            DemoAgency credentials = agencyKeys(demo.resolve("agencies"), agency);
            String region = notice.get("region").asString();
            byte[] envelope = credentials.seal(withId(notice), keys.regions().recipientCertificate(region).orElseThrow(),
                    keys.regions().kemCertificate(region).orElseThrow());
            intake.publish(feed(agency), envelope);
            published.merge(agency, 1, Integer::sum);
        }
        awaitIndexed(published, Duration.ofSeconds(90));
        partnerReport();
        Files.writeString(loaded, published.toString());
        LOG.info("demo loaded: {} notices from {}", published.values().stream().mapToInt(Integer::intValue).sum(),
                published.keySet());
    }

    /** A partner's report in FR-DGPN's inbox: what an anti-trafficking association of Nice would send (issue 18). */
    private void partnerReport() {
        Caller partner = new Caller("lea.moreau", "NGO-ALC", Set.of("EU-WEST", "MED"), null, Set.of(Role.PARTNER_REPORTER));
        reports.submit(partner, "MED", "FR-DGPN", new eu.synergie.core.reports.ReportContent(
                "Deux jeunes femmes accueillies à notre permanence disent avoir été recrutées à Benin City pour « un "
                        + "travail en salon de coiffure », puis conduites par bateau de Libye en Italie et de là à Marseille. "
                        + "Elles remettent chaque semaine leurs gains à une « madame » et doivent encore 30 000 € de « dette ». "
                        + "Un homme qui se fait appeler « Baba Ice » les surveille et a pris leurs passeports.",
                "Marseille, quartier de Noailles ; hébergement rue d'Aubagne", "depuis février 2026",
                java.util.List.of(new eu.synergie.core.reports.ReportContent.Person("Joy E.", eu.synergie.core.notice.ProtectedRole.VICTIM,
                                "22 ans, nigériane"),
                        new eu.synergie.core.reports.ReportContent.Person("Precious O.", eu.synergie.core.notice.ProtectedRole.VICTIM,
                                "19 ans, nigériane"),
                        new eu.synergie.core.reports.ReportContent.Person("« Baba Ice »", null, "la quarantaine, parle anglais et italien")),
                new eu.synergie.core.reports.ReportContent.Consent(true, true)));
    }

    private void awaitIndexed(Map<String, Integer> published, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (var entry : published.entrySet()) {
            // Each originator always sees its own notices: that is what we count.
            Caller originator = new Caller("demo-loader", entry.getKey(), AGENCIES.get(entry.getKey()),
                    Classification.SECRET, Set.of(Role.ANALYST));
            while (ownNotices(originator) < entry.getValue()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the demo notices were not indexed within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
        }
    }

    private long ownNotices(Caller originator) {
        return index.search(new NoticeQuery("", 100), policy.scopeOf(originator)).hits().stream()
                .map(NoticeSummary::originAgency).filter(originator.agency()::equals).count();
    }

    private static Caller feed(String agency) {
        return new Caller("feed-" + agency.toLowerCase(), agency, AGENCIES.get(agency), Classification.RESTRICTED,
                Set.of(Role.AGENCY_FEED));
    }

    /** A demo agency's keys under the aliases the CLI's key store uses; the post-quantum ones only for {@link #HYBRID}. */
    private record DemoAgency(KeyCredential classical, KeyCredential mlDsa, KeyCredential mlKem) {

        byte[] seal(byte[] json, X509Certificate regionEcdh, X509Certificate regionKem) {
            if (mlDsa == null || mlKem == null) {
                return NoticeSealer.seal(json, classical, regionEcdh);
            }
            return HybridEnvelopeSealer.seal(json, classical, mlDsa, List.of(new HybridRecipient(regionEcdh, regionKem),
                    new HybridRecipient(classical.certificate(), mlKem.certificate())), MarkingsLabel.of(NoticeJson.read(json).markings()));
        }
    }

    private DemoAgency agencyKeys(Path dir, String agency) throws IOException {
        Path file = dir.resolve(agency + ".p12");
        char[] password = properties.keysPassword().toCharArray();
        if (Files.exists(file)) {
            SequencedMap<String, KeyCredential> stored = Pkcs12.readAll(file, password);
            return new DemoAgency(stored.firstEntry().getValue(), stored.get(ML_DSA_ALIAS), stored.get(ML_KEM_ALIAS));
        }
        Files.createDirectories(dir);
        if (trust.registry().agency(agency).isEmpty()) {
            trust.register(agency, NAMES.get(agency), AGENCIES.get(agency), "demo-loader");
        }
        KeyPair pair = Keys.generateEcP256();
        SequencedMap<String, KeyCredential> made = new LinkedHashMap<>();
        made.put("agency", new KeyCredential(pair.getPrivate(), trust.issueCertificate(agency, pair.getPublic(), "demo-loader")));
        if (HYBRID.contains(agency)) {
            KeyPair mlDsa = Keys.generateMlDsa65();
            KeyPair mlKem = Keys.generateMlKem768();
            made.put(ML_DSA_ALIAS, new KeyCredential(mlDsa.getPrivate(), trust.issueCertificate(agency, mlDsa.getPublic(), "demo-loader")));
            made.put(ML_KEM_ALIAS, new KeyCredential(mlKem.getPrivate(), List.of(CertificateAuthority.selfIssueAgencyKemCertificate(
                    agency, mlDsa, mlKem.getPublic(), Duration.ofDays(825)))));
        }
        Pkcs12.writeAll(file, made, password);
        return new DemoAgency(made.firstEntry().getValue(), made.get(ML_DSA_ALIAS), made.get(ML_KEM_ALIAS));
    }

    /** The day the demo's dates were written for: the day after its newest notice. */
    static final Instant WRITTEN_FOR = Instant.parse("2026-11-28T00:00:00Z");

    /**
     * The notice with its dates moved by as many days as have passed since {@link #WRITTEN_FOR}: a demo loaded later
     * looks as fresh as on that day (its trends, its 30-day window of emerging values, its validity).
     */
    static JsonNode shifted(JsonNode notice, Instant now) {
        long days = Math.max(0, java.time.Duration.between(WRITTEN_FOR, now).toDays());
        ObjectNode copy = ((ObjectNode) notice).deepCopy();
        for (String field : List.of("issuedAt", "validUntil")) {
            if (copy.hasNonNull(field)) {
                copy.put(field, Instant.parse(copy.get(field).asString()).plus(java.time.Duration.ofDays(days)).toString());
            }
        }
        return copy;
    }

    /**
     * A wave of bank phishing by fake parcel-delivery texts in EU-WEST, reported by the Belgian and French police: one
     * notice now and then over the eight weeks before last week, seven last week. The trends page shows it as a rise,
     * with its numbers. The phishing domains are not real (.example, RFC 2606).
     */
    static List<JsonNode> phishingWave(Instant now) {
        eu.synergie.core.trends.Period week = eu.synergie.core.trends.Period.WEEK;
        Instant lastWeek = week.previousStart(now);
        List<Instant> dates = new java.util.ArrayList<>();
        Instant earlier = lastWeek;
        for (int i = 1; i <= 8; i++) {
            earlier = week.previousStart(earlier);
            if (i % 3 != 0) {
                dates.add(earlier.plus(java.time.Duration.ofHours(30 + 7L * i)));
            }
        }
        for (int i = 0; i < 7; i++) {
            dates.add(lastWeek.plus(java.time.Duration.ofHours(9 + 22L * i)));
        }
        String[][] texts = {
                {"FR-DGPN", "fr", "Hameçonnage bancaire par faux SMS de livraison « colis en attente »",
                        "Le lien mène à une fausse page de banque en ligne ; les codes reçus servent à valider des virements instantanés."},
                {"BE-PJF", "nl", "Phishing via valse sms van een pakketdienst: “uw pakket wacht”",
                        "De link leidt naar een nagemaakte bankpagina; slachtoffers bevestigen zelf een overschrijving."},
                {"BE-PJF", "fr", "Faux SMS de livraison : vague d'hameçonnage visant des clients de banques belges",
                        "Les victimes saisissent leur code itsme sur une page copiée ; les fonds partent vers des comptes de mules."}};
        List<JsonNode> wave = new java.util.ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (int i = 0; i < dates.size(); i++) {
            String[] text = texts[i % texts.length];
            ObjectNode notice = json.createObjectNode();
            notice.put("originAgency", text[0]).put("region", "EU-WEST").put("type", "CYBERCRIME")
                    .put("title", text[2]).put("summary", text[3])
                    .put("language", text[1]).put("issuedAt", dates.get(i).toString())
                    .put("validUntil", dates.get(i).plus(java.time.Duration.ofDays(365)).toString())
                    .put("classification", "UNCLASSIFIED").put("handlingCode", "H1").put("tlp", "GREEN")
                    .put("dissemination", "FULL").put("sourceReliability", "B").put("infoReliability", "2")
                    .put("caseRef", (text[0].equals("FR-DGPN") ? "OFAC" : "FCCU") + "-2026-" + (800 + i));
            notice.putArray("releasableTo");
            ObjectNode domain = notice.putArray("entities").addObject();
            domain.put("kind", "DOMAIN").put("value", "colis-en-attente-" + (i % 4) + ".example");
            wave.add(notice);
        }
        return List.copyOf(wave);
    }

    static byte[] withId(JsonNode notice) {
        ObjectNode copy = ((ObjectNode) notice).deepCopy();
        // Stable ids: loading the demo twice gives the same notices, not duplicates.
        copy.put("noticeId", UUID.nameUUIDFromBytes(("synergie-demo:" + notice.get("caseRef").asString())
                .getBytes(StandardCharsets.UTF_8)).toString());
        return JsonMapper.builder().build().writeValueAsBytes(copy);
    }

    private static JsonNode notices() {
        try (InputStream in = DemoData.class.getResourceAsStream("notices.json")) {
            if (in == null) {
                throw new IllegalStateException("demo notices.json is missing");
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
