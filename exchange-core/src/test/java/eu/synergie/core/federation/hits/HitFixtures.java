package eu.synergie.core.federation.hits;

import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Tlp;
import eu.synergie.crypto.pairing.PairKey;
import eu.synergie.crypto.pki.Keys;
import org.iban4j.Iban;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Two exchanges with their federation keys, notices, and a pool of identifiers each written several ways (the ways
 * agencies write them), so that generated notices share values in other spellings.
 */
final class HitFixtures {

    static final String EU = "EXCH-EU";
    static final String MED = "EXCH-MED";
    static final String WA = "EXCH-WA";
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final Epochs WEEKS = Epochs.isoWeeks();

    private static final KeyPair EU_KEY = Keys.generateEcP256();
    private static final KeyPair MED_KEY = Keys.generateEcP256();
    private static final KeyPair WA_KEY = Keys.generateEcP256();

    private HitFixtures() {
    }

    /** EU's publisher for MED: ECDH between EU's private key and MED's public key. */
    static HitPublisher euToMed() {
        return new HitPublisher(PairKey.agree(EU_KEY.getPrivate(), MED_KEY.getPublic(), EU, MED), WEEKS);
    }

    /** MED's publisher for EU: ECDH between MED's private key and EU's public key. */
    static HitPublisher medToEu() {
        return new HitPublisher(PairKey.agree(MED_KEY.getPrivate(), EU_KEY.getPublic(), MED, EU), WEEKS);
    }

    static HitPublisher euToWa() {
        return new HitPublisher(PairKey.agree(EU_KEY.getPrivate(), WA_KEY.getPublic(), EU, WA), WEEKS);
    }

    static Notice notice(String agency, Dissemination dissemination, Tlp tlp, List<Entity> entities) {
        return notice(UUID.randomUUID(), agency, dissemination, tlp, NoticeStatus.ACTIVE, entities);
    }

    static Notice notice(UUID id, String agency, Dissemination dissemination, Tlp tlp, NoticeStatus status,
                         List<Entity> entities) {
        Markings markings = new Markings("EU-WEST", agency, Classification.RESTRICTED, HandlingCode.H1, null, tlp,
                tlp == Tlp.RED ? java.util.Set.of("DE-BKA") : java.util.Set.of(), dissemination);
        return new Notice(id, NoticeType.MONEY_LAUNDERING, "Blanchiment par comptes de passage", null, "fr",
                NOW.minusSeconds(3600), null, markings, "B", "2", "REF-" + agency, entities, 1, status);
    }

    static Entity entity(EntityKind kind, String value) {
        return new Entity(kind, value, Map.of());
    }

    static Entity person(String name, String birthDate) {
        return new Entity(EntityKind.PERSON, name, Map.of("birthDate", birthDate));
    }

    /** One identifier and the ways it is written; every spelling has the same match key. */
    record Identity(EntityKind kind, List<String> spellings, String birthDate) {

        Entity spelled(SplittableRandom random) {
            String value = spellings.get(random.nextInt(spellings.size()));
            return birthDate == null ? entity(kind, value) : person(value, birthDate);
        }

        /** The match key, as the home matcher computes it for an agency of France; null if the value is invalid. */
        String matchKey() {
            String first = spellings.getFirst();
            return MatchKeys.of(birthDate == null ? entity(kind, first) : person(first, birthDate), "FR-DGPN").stream().findFirst().orElse(null);
        }
    }

    /** {@code size} distinct identities of every correlating kind, from {@code seed}. */
    static List<Identity> identities(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        Random ibans = new Random(seed);
        List<String> wallets = List.of("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy");
        List<String> given = List.of("Jean", "Marie", "Ahmed", "Fatou", "Lucía", "Jürgen", "Chloé", "Oumar");
        List<String> family = List.of("DUPONT", "Martínez", "Diallo", "Müller", "N'Diaye", "Rossi", "Benali", "Kowalski");
        List<Identity> identities = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        while (identities.size() < size) {
            Identity identity = switch (random.nextInt(6)) {
                case 0 -> {
                    // 069… is no French mobile range: the first digit is 1 to 8.
                    String digits = (1 + random.nextInt(8)) + String.format("%07d", random.nextInt(10_000_000));
                    String spaced = digits.replaceAll("(..)(?=.)", "$1 ");
                    yield new Identity(EntityKind.PHONE, List.of("+336" + digits, "06 " + spaced, "0033 6 " + spaced,
                            "+33 (0)6 " + spaced), null);
                }
                case 1 -> {
                    String iban = Iban.random(ibans).toString();
                    yield new Identity(EntityKind.IBAN, List.of(iban, iban.replaceAll("(.{4})(?=.)", "$1 "),
                            iban.toLowerCase()), null);
                }
                case 2 -> {
                    String local = "user" + random.nextInt(1_000_000);
                    yield new Identity(EntityKind.EMAIL, List.of(local + "@example.org", local.toUpperCase() + "@Example.ORG",
                            " " + local + "@example.org "), null);
                }
                case 3 -> {
                    String wallet = wallets.get(random.nextInt(wallets.size()));
                    yield new Identity(EntityKind.CRYPTO_WALLET, wallet.startsWith("0x")
                            ? List.of(wallet, "0x" + wallet.substring(2).toLowerCase())
                            : wallet.startsWith("bc1") ? List.of(wallet, wallet.toUpperCase()) : List.of(wallet), null);
                }
                case 4 -> {
                    String document = (char) ('A' + random.nextInt(26)) + "" + (char) ('A' + random.nextInt(26))
                            + String.format("%07d", random.nextInt(10_000_000));
                    yield new Identity(EntityKind.IDENTITY_DOCUMENT, List.of(document, document.toLowerCase(),
                            document.substring(0, 2) + " " + document.substring(2)), null);
                }
                default -> {
                    String first = given.get(random.nextInt(given.size()));
                    String last = family.get(random.nextInt(family.size()));
                    String birth = String.format("19%02d-%02d-%02d", 40 + random.nextInt(60), 1 + random.nextInt(12),
                            1 + random.nextInt(28));
                    yield new Identity(EntityKind.PERSON, List.of(first + " " + last, last.toUpperCase() + ", " + first,
                            first.toLowerCase() + "  " + last.toLowerCase()), birth);
                }
            };
            if (identity.matchKey() != null && keys.add(identity.matchKey())) {
                identities.add(identity);
            }
        }
        return identities;
    }
}
