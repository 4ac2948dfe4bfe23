package eu.synergie.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Realistic feeds for the integration tests: notices of one agency in French first, then Dutch, German,
 * Spanish, English and Arabic, with entities; each carries {@code token} in its summary so that a search
 * counts exactly the notices of one run. Reproducible for a given seed.
 */
final class TestFeeds {

    private record Template(String language, String type, String title, String summary) {
    }

    private static final Template[] TEMPLATES = {
            new Template("fr", "DRUG_TRAFFICKING", "Cocaïne dissimulée dans un conteneur de bananes au port d'Anvers",
                    "Saisie de %d kg ; le réceptionnaire est une société écran domiciliée à Lille."),
            new Template("fr", "MONEY_LAUNDERING", "Blanchiment par fractionnement de virements vers des comptes de transit",
                    "Virements de moins de %d euros répétés vers des néobanques ; mules recrutées sur les réseaux sociaux."),
            new Template("fr", "TRAFFICKING_HUMAN_BEINGS", "Exploitation de travailleurs saisonniers dans des exploitations agricoles",
                    "%d victimes identifiées, logées par l'employeur et privées de leurs papiers."),
            new Template("fr", "CYBERCRIME", "Hameçonnage bancaire par SMS usurpant l'assurance maladie",
                    "Campagne de %d messages ; les données bancaires sont revendues sur un forum."),
            new Template("fr", "STOLEN_ASSET", "Vol d'engins de chantier revendus en Europe de l'Est",
                    "%d pelleteuses volées en un mois, plaques d'identification meulées."),
            new Template("nl", "DRUG_TRAFFICKING", "Synthetische drugs in vrachtwagen met bloembollen",
                    "%d kg MDMA aangetroffen bij een controle op de E19 bij Meer."),
            new Template("nl", "MONEY_LAUNDERING", "Witwassen via tweedehandsautohandel in Antwerpen",
                    "Contante betalingen van %d euro per voertuig zonder facturen."),
            new Template("de", "MONEY_LAUNDERING", "Geldwäsche über Scheinfirmen im Immobiliensektor",
                    "Kaufpreise von %d Euro in bar; wirtschaftlich Berechtigte in Zypern."),
            new Template("de", "CYBERCRIME", "Ransomware-Angriff auf einen kommunalen Energieversorger",
                    "Lösegeldforderung über %d Bitcoin; Zugang über ein VPN-Konto ohne MFA."),
            new Template("es", "DRUG_TRAFFICKING", "Hachís transportado en lanchas rápidas en el Guadalquivir",
                    "Alijo de %d fardos interceptado al amanecer cerca de Sanlúcar."),
            new Template("es", "MIGRANT_SMUGGLING", "Red de falsificación de visados para trabajadores temporeros",
                    "%d pasaportes con visados falsos detectados en el aeropuerto de Barajas."),
            new Template("en", "CORRUPTION", "Port official bribed to release containers without inspection",
                    "Payments of %d euros per container traced to an account in Dubai."),
            new Template("ar", "MIGRANT_SMUGGLING", "شبكة لتهريب المهاجرين عبر مضيق جبل طارق",
                    "تم اعتراض قارب يحمل %d مهاجرا قرب طريفة."),
    };

    private static final String[] NAMES = {"Jean DUPONT", "Marie LAMBERT", "Pieter JANSSENS", "Sofia GARCÍA LÓPEZ",
            "Karim BENALI", "Anna SCHMIDT", "Luc VERMEULEN", "Élodie ROUSSEAU", "Youssef EL AMRANI", "Thomas MÜLLER"};

    private TestFeeds() {
    }

    /** One notice as a JSON line. */
    static String notice(Random random, String agency, String region, String token) {
        Template t = TEMPLATES[random.nextInt(10) < 5 ? random.nextInt(5) : 5 + random.nextInt(TEMPLATES.length - 5)];
        Instant issued = Instant.parse("2026-11-01T08:00:00Z").plus(random.nextInt(40_000), ChronoUnit.MINUTES);
        String summary = t.summary().formatted(2 + random.nextInt(900)) + " Réf. " + token + ".";
        String name = NAMES[random.nextInt(NAMES.length)];
        String iban = "BE" + String.format("%02d", random.nextInt(100)) + String.format("%012d", Math.abs(random.nextLong() % 1_000_000_000_000L));
        String phone = "+324" + String.format("%08d", random.nextInt(100_000_000));
        return ("{\"noticeId\":\"%s\",\"originAgency\":\"%s\",\"region\":\"%s\",\"type\":\"%s\",\"title\":\"%s\","
                + "\"summary\":\"%s\",\"language\":\"%s\",\"issuedAt\":\"%s\",\"validUntil\":\"2027-12-31T00:00:00Z\","
                + "\"classification\":\"%s\",\"handlingCode\":\"H%d\",\"handlingNote\":null,\"tlp\":\"%s\","
                + "\"releasableTo\":[],\"dissemination\":\"%s\",\"sourceReliability\":\"%s\",\"infoReliability\":\"%d\","
                + "\"caseRef\":\"PJF-%d\",\"entities\":[{\"kind\":\"PERSON\",\"value\":\"%s\",\"attributes\":{\"nationality\":\"BE\"}},"
                + "{\"kind\":\"IBAN\",\"value\":\"%s\"},{\"kind\":\"PHONE\",\"value\":\"%s\"}]}")
                .formatted(new UUID(random.nextLong(), random.nextLong()),
                        agency, region, t.type(), t.title(), summary, t.language(), issued,
                        random.nextBoolean() ? "RESTRICTED" : "UNCLASSIFIED", random.nextInt(3),
                        random.nextBoolean() ? "AMBER" : "GREEN", random.nextBoolean() ? "FULL" : "POINTER",
                        "ABC".charAt(random.nextInt(3)), 1 + random.nextInt(3), 2026_00000 + random.nextInt(99_999), name, iban, phone);
    }

    /**
     * Writes {@code count} lines; those in {@code malformed} (1-based) are broken in three different ways.
     */
    static Path write(Path file, long seed, int count, String agency, String region, String token, Set<Integer> malformed)
            throws IOException {
        Random random = new Random(seed);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int line = 1; line <= count; line++) {
                String json = notice(random, agency, region, token);
                if (malformed.contains(line)) {
                    json = switch (line % 3) {
                        case 0 -> json.substring(0, json.length() - 20);
                        case 1 -> json.replaceFirst("\"classification\":\"[A-Z]+\"", "\"classification\":\"TOP SECRET\"");
                        default -> json.replaceFirst("\"issuedAt\":\"[^\"]+\"", "\"issuedAt\":\"hier\"");
                    };
                }
                out.write(json);
                out.write('\n');
            }
        }
        return file;
    }
}
