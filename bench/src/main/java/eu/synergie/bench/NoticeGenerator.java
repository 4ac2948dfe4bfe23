package eu.synergie.bench;

import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetStatus;
import eu.synergie.core.notice.AssetType;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * Synthetic notices that look like a real feed's: titles and summaries in the agency's languages
 * (French first), entities of the kinds the type calls for (people with accents and Arabic names,
 * IBANs with valid check digits, phones in national or international form, vessels with valid IMO
 * numbers, e-mails, wallets…), and markings drawn across the whole range. Notice {@code i} depends only
 * on the seed and {@code i}, so a run can generate in parallel and again identically.
 *
 * <p>Each notice's summary ends with a token found in no other notice ({@link #token}), so that a
 * search for it finds exactly that notice.
 */
final class NoticeGenerator {

    /** A generated notice and the one word that finds it. */
    record Generated(int index, BenchAgency agency, Notice notice, String token) {
    }

    private static final Map<String, List<String>> REGION_MEMBERS = Map.of(
            "EU-WEST", List.of("FR-DGPN", "BE-PJF", "ES-CNP"),
            "MED", List.of("FR-DGPN", "ES-CNP", "MA-DGSN"),
            "EU-CENTRAL", List.of("DE-BKA", "AT-BK", "PL-CBS", "NL-NP"));

    private static final Map<NoticeType, List<EntityKind>> KINDS_BY_TYPE = Map.ofEntries(
            Map.entry(NoticeType.WANTED_PERSON, List.of(EntityKind.PERSON, EntityKind.IDENTITY_DOCUMENT, EntityKind.PHONE, EntityKind.VEHICLE)),
            Map.entry(NoticeType.MISSING_PERSON, List.of(EntityKind.PERSON, EntityKind.PHONE, EntityKind.EMAIL, EntityKind.ADDRESS)),
            Map.entry(NoticeType.STOLEN_ASSET, List.of(EntityKind.VEHICLE, EntityKind.VESSEL, EntityKind.PERSON, EntityKind.ORGANIZATION)),
            Map.entry(NoticeType.MONEY_LAUNDERING, List.of(EntityKind.IBAN, EntityKind.ORGANIZATION, EntityKind.ASSET, EntityKind.CRYPTO_WALLET)),
            Map.entry(NoticeType.ASSET_TRACING, List.of(EntityKind.PERSON, EntityKind.ASSET, EntityKind.ASSET, EntityKind.ORGANIZATION)),
            Map.entry(NoticeType.TRAFFICKING_HUMAN_BEINGS, List.of(EntityKind.PERSON, EntityKind.PHONE, EntityKind.ADDRESS, EntityKind.DOMAIN)),
            Map.entry(NoticeType.MIGRANT_SMUGGLING, List.of(EntityKind.PERSON, EntityKind.PHONE, EntityKind.VESSEL, EntityKind.VEHICLE)),
            Map.entry(NoticeType.DRUG_TRAFFICKING, List.of(EntityKind.PERSON, EntityKind.VESSEL, EntityKind.PHONE, EntityKind.AIRCRAFT)),
            Map.entry(NoticeType.CYBERCRIME, List.of(EntityKind.IP_ADDRESS, EntityKind.DOMAIN, EntityKind.EMAIL, EntityKind.CRYPTO_WALLET)),
            Map.entry(NoticeType.CORRUPTION, List.of(EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.IBAN, EntityKind.PHONE)),
            Map.entry(NoticeType.MODUS_OPERANDI, List.of(EntityKind.PHONE, EntityKind.DOMAIN, EntityKind.EMAIL, EntityKind.PERSON)));

    private static final Map<String, List<String>> FIRST_NAMES = Map.of(
            "FR", List.of("Jean", "Karim", "Léa", "François", "Amélie", "Mathieu", "Inès", "Hélène", "Noël", "Zoé"),
            "BE", List.of("Joris", "Liesbeth", "Sven", "Eline", "Wouter", "Anaïs", "Maarten", "Loïc"),
            "DE", List.of("Jürgen", "Björn", "Özlem", "Günther", "Sören", "Käthe", "Lukas", "Anneliese"),
            "ES", List.of("Javier", "Lucía", "José Luis", "Begoña", "Íñigo", "María José", "Adrián", "Nerea"),
            "MA", List.of("Youssef", "Mehdi", "Fatima Zahra", "Hamza", "Salma", "Abdelilah", "Imane", "Rachid"),
            "AL", List.of("Arben", "Dritan", "Besnik", "Elira", "Gëzim"),
            "CO", List.of("Andrés Felipe", "Yésica", "Jhon Jairo", "Dayana"),
            "NL", List.of("Mohamed", "Daan", "Sanne", "Ricardo", "Priscilla"));

    private static final Map<String, List<String>> LAST_NAMES = Map.of(
            "FR", List.of("DUPONT", "BENSAÏD", "LEFÈVRE", "MOREAU", "GIRAUD", "FAURE", "ROUSSEL", "MERCIER", "CHÂTELAIN"),
            "BE", List.of("VAN DEN BROECK", "DE SMET", "PEETERS", "JANSSENS", "VERMEULEN", "DUBOIS", "MAES"),
            "DE", List.of("MÜLLER", "SCHRÖDER", "WEIß", "KÖHLER", "BÄCKER", "GROßMANN", "YILDIZ", "HOFFMANN"),
            "ES", List.of("GARCÍA LÓPEZ", "MARTÍNEZ RUIZ", "FERNÁNDEZ", "NÚÑEZ", "IBÁÑEZ", "PEÑA", "CASTAÑO"),
            "MA", List.of("EL AMRANI", "BENALI", "OUAZZANI", "EL KHATTABI", "TAZI", "BERRADA", "ZIANI"),
            "AL", List.of("KRASNIQI", "HOXHA", "BERISHA", "ÇELA"),
            "CO", List.of("RESTREPO", "MUÑOZ", "CASTAÑEDA", "OSPINA"),
            "NL", List.of("EL KHATTABI", "DE VRIES", "BAKKER", "TAGHI"));

    /** Names as Moroccan notices in Arabic write them. */
    private static final List<String> ARABIC_NAMES = List.of("يوسف العلمي", "مهدي العمراني", "فاطمة الزهراء بنعلي",
            "حمزة الوزاني", "سلمى التازي", "رشيد الزياني", "عبد الإله برادة");

    private static final List<String> FOREIGN = List.of("AL", "CO", "NL", "MA", "FR", "ES");

    private static final Map<String, String> PHONE_PREFIX = Map.of("FR", "+33", "BE", "+32", "DE", "+49", "ES", "+34",
            "MA", "+212", "AL", "+355", "CO", "+57", "NL", "+31");

    private static final String[] MAIL_DOMAINS = {"gmail.com", "protonmail.com", "outlook.fr", "gmx.de", "hotmail.es",
            "telenet.be", "menara.ma", "tutanota.com"};

    private final long seed;
    private final Instant now;
    private final List<BenchAgency> agencies;

    NoticeGenerator(long seed, Instant now, List<BenchAgency> agencies) {
        this.seed = seed;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.agencies = List.copyOf(agencies);
    }

    /** The word that finds notice {@code index} and no other. */
    static String token(int index) {
        String digits = Integer.toString(index, 36);
        return "sx" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
    }

    Generated generate(int index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        BenchAgency agency = pick(random, agencies, BenchAgency::share);
        String region = pickWeighted(random, agency.regions());
        Corpus.Language language = pickWeighted(random, agency.languages());
        NoticeType type = NoticeType.values()[random.nextInt(NoticeType.values().length)];
        List<String> cities = language.cities();
        String city = one(random, cities);
        String city2 = one(random, cities.stream().filter(c -> !c.equals(city)).toList());
        String port = one(random, language.ports());
        String org = one(random, Corpus.ORGANIZATIONS);
        String token = token(index);

        String title = fill(language.titles().get(type), random, city, city2, port, org);
        int sentences = 1 + random.nextInt(3);
        StringBuilder summary = new StringBuilder();
        List<String> pool = new ArrayList<>(language.sentences());
        for (int s = 0; s < sentences && !pool.isEmpty(); s++) {
            summary.append(fill(pool.remove(random.nextInt(pool.size())), random, city, city2, port, org)).append(' ');
        }
        summary.append(language.reference()).append(' ').append(token).append('.');

        Instant issuedAt = now.minus(Duration.ofMinutes(random.nextLong(60L * 24 * 90)));
        Instant validUntil = issuedAt.plus(Duration.ofDays(365 + random.nextInt(366)));
        Markings markings = markings(random, agency, region);
        String caseRef = one(random, agency.caseRefPrefixes()) + "-" + LocalDate.ofInstant(issuedAt, ZoneOffset.UTC)
                .getYear() + "-" + String.format(Locale.ROOT, "%04d", random.nextInt(1, 10_000));
        Notice notice = new Notice(uuid(random), type, title, summary.toString(), language.code(), issuedAt, validUntil,
                markings, one(random, List.of("A", "B", "B", "B", "C", "C", "X")), one(random, List.of("1", "2", "2", "2", "3", "3", "4")),
                caseRef, entities(random, type, agency, language));
        return new Generated(index, agency, notice, token);
    }

    private Markings markings(SplittableRandom random, BenchAgency agency, String region) {
        Classification classification = pick(random, List.of(Classification.values()), c -> switch (c) {
            case UNCLASSIFIED -> 0.10;
            case RESTRICTED -> 0.50;
            case CONFIDENTIAL -> 0.32;
            case SECRET -> 0.08;
        });
        HandlingCode handling = pick(random, List.of(HandlingCode.values()), h -> switch (h) {
            case H0 -> 0.40;
            case H1 -> 0.25;
            case H2 -> 0.30;
            case H3 -> 0.05;
        });
        String note = handling == HandlingCode.H3 ? "Do not act before contacting the originator's duty officer" : null;
        Tlp tlp = pick(random, List.of(Tlp.values()), t -> switch (t) {
            case CLEAR -> 0.05;
            case GREEN -> 0.25;
            case AMBER -> 0.50;
            case AMBER_STRICT -> 0.15;
            case RED -> 0.05;
        });
        Set<String> releasable = new LinkedHashSet<>();
        if (tlp == Tlp.RED || random.nextDouble() < 0.25) {
            List<String> partners = REGION_MEMBERS.get(region).stream().filter(a -> !a.equals(agency.code())).toList();
            int count = 1 + random.nextInt(Math.min(2, partners.size()));
            while (releasable.size() < count) {
                releasable.add(one(random, partners));
            }
        }
        Dissemination dissemination = pick(random, List.of(Dissemination.values()), d -> switch (d) {
            case FULL -> 0.35;
            case POINTER -> 0.50;
            case SILENT -> 0.15;
        });
        return new Markings(region, agency.code(), classification, handling, note, tlp, releasable, dissemination);
    }

    private List<Entity> entities(SplittableRandom random, NoticeType type, BenchAgency agency, Corpus.Language language) {
        int count = pick(random, List.of(1, 2, 3, 4, 5, 6), n -> switch (n) {
            case 1 -> 0.15;
            case 2 -> 0.30;
            case 3 -> 0.25;
            case 4 -> 0.15;
            case 5 -> 0.10;
            default -> 0.05;
        });
        List<EntityKind> typical = KINDS_BY_TYPE.get(type);
        List<Entity> entities = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            EntityKind kind = e < typical.size() && random.nextDouble() < 0.8 ? typical.get(e)
                    : EntityKind.values()[random.nextInt(EntityKind.values().length)];
            String country = random.nextDouble() < 0.7 ? agency.country() : one(random, FOREIGN);
            entities.add(entity(random, kind, country, language));
        }
        return entities;
    }

    private Entity entity(SplittableRandom random, EntityKind kind, String country, Corpus.Language language) {
        return switch (kind) {
            case PERSON -> {
                String name = language == Corpus.ARABIC && random.nextBoolean() ? one(random, ARABIC_NAMES)
                        : one(random, FIRST_NAMES.get(country)) + " " + one(random, LAST_NAMES.get(country));
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("birthDate", LocalDate.of(1960 + random.nextInt(45), 1 + random.nextInt(12),
                        1 + random.nextInt(28)).toString());
                attributes.put("nationality", country);
                yield new Entity(kind, name, attributes);
            }
            case ORGANIZATION -> new Entity(kind, one(random, Corpus.ORGANIZATIONS), null);
            case PHONE -> new Entity(kind, phone(random, country), null);
            case EMAIL -> new Entity(kind, email(random, country), null);
            case IBAN -> new Entity(kind, iban(random, country), null);
            case CRYPTO_WALLET -> new Entity(kind, wallet(random), Map.of("chain", random.nextBoolean() ? "BTC" : "ETH"));
            case VEHICLE -> new Entity(kind, plate(random, country), Map.of("country", country));
            case VESSEL -> new Entity(kind, "IMO " + imo(random), Map.of("flag", one(random, List.of("PA", "LR", "MT", "MA", "ES"))));
            case AIRCRAFT -> new Entity(kind, one(random, List.of("F-", "EC-", "D-", "OO-", "CN-")) + letters(random, 4), null);
            case IDENTITY_DOCUMENT -> new Entity(kind, digits(random, 2) + letters(random, 2) + digits(random, 5),
                    Map.of("type", "PASSPORT", "country", country));
            case ADDRESS -> new Entity(kind, (1 + random.nextInt(120)) + " " + one(random, List.of("rue de la République",
                    "Calle Mayor", "Hauptstraße", "Kerkstraat", "Avenue Mohammed V", "Quai des Belges")) + ", "
                    + one(random, language.cities()), null);
            case IP_ADDRESS -> new Entity(kind, (45 + random.nextInt(150)) + "." + random.nextInt(256) + "."
                    + random.nextInt(256) + "." + (1 + random.nextInt(254)), null);
            case DOMAIN -> new Entity(kind, one(random, List.of("secure-", "login-", "colis-", "paquete-", "konto-"))
                    + letters(random, 6).toLowerCase(Locale.ROOT) + one(random, List.of(".com", ".net", ".xyz", ".top", ".info")), null);
            case ASSET -> asset(random, country);
        };
    }

    /** An asset with valid identifiers, an estimated value and, for some, a step of the recovery procedure. */
    private static Entity asset(SplittableRandom random, String country) {
        AssetType type = one(random, List.of(AssetType.REAL_ESTATE, AssetType.VEHICLE, AssetType.VESSEL,
                AssetType.BANK_ACCOUNT, AssetType.CRYPTO_WALLET, AssetType.COMPANY));
        String jurisdiction = "CO".equals(country) || "AL".equals(country) ? "FR" : country;
        Map<String, String> identifiers = new LinkedHashMap<>();
        String label = switch (type) {
            case REAL_ESTATE -> {
                identifiers.put("cadastralRef", letters(random, 2) + " " + digits(random, 4));
                yield one(random, List.of("Villa", "Appartement", "Riad", "Finca", "Entrepôt")) + " " + digits(random, 2);
            }
            case VEHICLE -> {
                identifiers.put("vin", vin(random));
                yield one(random, List.of("Range Rover", "Porsche Cayenne", "Mercedes G 63", "BMW X5"));
            }
            case VESSEL -> {
                identifiers.put("imo", imo(random));
                yield "Yacht " + one(random, List.of("Sirène", "Aurora", "Lucky Star", "Al Bahr"));
            }
            case BANK_ACCOUNT -> {
                identifiers.put("iban", iban(random, country));
                yield "Compte courant";
            }
            case CRYPTO_WALLET -> {
                // An Ethereum address in lower case: valid without an EIP-55 checksum, unlike the random bech32 of wallet().
                StringBuilder hex = new StringBuilder("0x");
                for (int i = 0; i < 40; i++) {
                    hex.append(Character.forDigit(random.nextInt(16), 16));
                }
                identifiers.put("chain", "ethereum");
                identifiers.put("address", hex.toString());
                yield "Portefeuille crypto";
            }
            default -> {
                identifiers.put("companyNumber", digits(random, 9));
                yield one(random, List.of("SARL", "SL", "GmbH", "BV", "Ltd")) + " " + letters(random, 5);
            }
        };
        LocalDate valued = LocalDate.of(2024 + random.nextInt(2), 1 + random.nextInt(12), 1 + random.nextInt(28));
        Asset.Valuation value = new Asset.Valuation(BigDecimal.valueOf(5_000 + random.nextInt(4_000_000)),
                Currency.getInstance("MA".equals(jurisdiction) ? "MAD" : "EUR"), valued, "estimation de l'enquêteur");
        List<Asset.Step> history = random.nextDouble() < 0.3
                ? List.of(new Asset.Step(AssetStatus.FROZEN, valued.plusDays(random.nextInt(60)))) : List.of();
        return new Entity(EntityKind.ASSET, label, null, null, new Asset(type, identifiers, value, jurisdiction, history));
    }

    /** A VIN of a European maker (position 9 free, ISO 3779): letters and digits without I, O and Q. */
    private static String vin(SplittableRandom random) {
        String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder vin = new StringBuilder(one(random, List.of("VF1", "WVW", "WBA", "ZFA", "VSS")));
        while (vin.length() < 17) {
            vin.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return vin.toString();
    }

    /** An IBAN of the country (ISO 13616), check digits computed; in print form (groups of four) half the time. */
    static String iban(SplittableRandom random, String country) {
        String code = switch (country) {
            case "FR", "BE", "DE", "ES", "NL", "MA" -> country;
            default -> "FR";
        };
        String bban = switch (code) {
            case "FR" -> digits(random, 23);
            case "BE" -> digits(random, 12);
            case "DE" -> digits(random, 18);
            case "ES" -> digits(random, 20);
            case "NL" -> letters(random, 4) + digits(random, 10);
            default -> digits(random, 24);
        };
        String iban = code + checkDigits(code, bban) + bban;
        if (random.nextBoolean()) {
            return iban;
        }
        StringBuilder print = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            print.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
        }
        return print.toString();
    }

    private static String checkDigits(String country, String bban) {
        StringBuilder numeric = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return String.format(Locale.ROOT, "%02d", check);
    }

    /** A seven-digit IMO ship number whose last digit checks (weights 7 to 2). */
    static String imo(SplittableRandom random) {
        int[] d = new int[6];
        int sum = 0;
        d[0] = 9;
        for (int i = 1; i < 6; i++) {
            d[i] = random.nextInt(10);
        }
        StringBuilder imo = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sum += d[i] * (7 - i);
            imo.append(d[i]);
        }
        return imo.append(sum % 10).toString();
    }

    private static String phone(SplittableRandom random, String country) {
        String prefix = PHONE_PREFIX.get(country);
        String subscriber = switch (country) {
            case "FR" -> "6" + digits(random, 8);
            case "BE" -> "4" + digits(random, 8);
            case "DE" -> "15" + digits(random, 9);
            case "ES" -> "6" + digits(random, 8);
            case "MA" -> "6" + digits(random, 8);
            case "NL" -> "6" + digits(random, 8);
            default -> "6" + digits(random, 8);
        };
        return switch (random.nextInt(3)) {
            case 0 -> prefix + subscriber;
            case 1 -> prefix + " " + subscriber.charAt(0) + subscriber.substring(1).replaceAll("(\\d\\d)", " $1");
            default -> "0" + subscriber;
        };
    }

    private static String email(SplittableRandom random, String country) {
        String first = fold(one(random, FIRST_NAMES.get(country)));
        String last = fold(one(random, LAST_NAMES.get(country)));
        return first + one(random, List.of(".", "_", "")) + last + random.nextInt(100) + "@" + MAIL_DOMAINS[random.nextInt(MAIL_DOMAINS.length)];
    }

    private static String fold(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("[^A-Za-z]", "")
                .toLowerCase(Locale.ROOT);
    }

    private static String wallet(SplittableRandom random) {
        if (random.nextBoolean()) {
            StringBuilder hex = new StringBuilder("0x");
            for (int i = 0; i < 40; i++) {
                hex.append(Character.forDigit(random.nextInt(16), 16));
            }
            return hex.toString();
        }
        String bech32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        StringBuilder address = new StringBuilder("bc1q");
        for (int i = 0; i < 38; i++) {
            address.append(bech32.charAt(random.nextInt(bech32.length())));
        }
        return address.toString();
    }

    private static String plate(SplittableRandom random, String country) {
        return switch (country) {
            case "FR" -> letters(random, 2) + "-" + digits(random, 3) + "-" + letters(random, 2);
            case "DE" -> one(random, List.of("B", "HH", "M", "K", "F")) + "-" + letters(random, 2) + " " + digits(random, 4);
            case "ES" -> digits(random, 4) + " " + letters(random, 3);
            case "BE" -> "1-" + letters(random, 3) + "-" + digits(random, 3);
            case "MA" -> digits(random, 5) + "-أ-" + (1 + random.nextInt(80));
            default -> letters(random, 2) + "-" + digits(random, 3) + "-" + letters(random, 2);
        };
    }

    private static String fill(String template, SplittableRandom random, String city, String city2, String port, String org) {
        return template.replace("{city2}", city2).replace("{city}", city).replace("{port}", port).replace("{org}", org)
                .replace("{n}", String.valueOf(3 + random.nextInt(58)));
    }

    private static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    static String digits(SplittableRandom random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    static String letters(SplittableRandom random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('A' + random.nextInt(26)));
        }
        return out.toString();
    }

    private static <T> T one(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T pickWeighted(SplittableRandom random, List<BenchAgency.Weighted<T>> values) {
        return pick(random, values, BenchAgency.Weighted::weight).value();
    }

    private static <T> T pick(SplittableRandom random, List<T> values, ToDoubleFunction<T> weight) {
        double total = values.stream().mapToDouble(weight).sum();
        double draw = random.nextDouble() * total;
        for (T value : values) {
            draw -= weight.applyAsDouble(value);
            if (draw < 0) {
                return value;
            }
        }
        return values.getLast();
    }
}
