package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;

import eu.synergie.crypto.asn1.DerMutator;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated hostile certificate requests (PKCS#10, DER and PEM) and PEM certificate chains, the two PKI inputs
 * the exchange takes from callers: each ends in a result or in an {@link IllegalArgumentException} with one of
 * the messages the methods document, never another exception, never an Error. 10,000 cases each per run
 * ({@code -Dsynergie.fuzz.pki.cases}).
 */
class PkiInputFuzzTest {

    private static final int CASES = Integer.getInteger("synergie.fuzz.pki.cases", 10_000);
    private static final long SEED = Long.getLong("synergie.fuzz.seed", 0x5EA1ED13L);
    private static final Set<String> CSR_REFUSALS = Set.of("CSR is not PKCS#10",
            "CSR signature algorithm is not ECDSA with SHA-2, Ed25519 or ML-DSA-65", "CSR signature invalid", "CSR public key is invalid");
    private static final Set<String> PEM_REFUSALS = Set.of("PEM cannot be decoded", "PEM holds no certificate",
            "PEM block is not a certificate", "PEM certificate cannot be decoded");

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Fuzz Root");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void verifiedPublicKeyWhenGeneratedHostileRequestsThenKeyOrDocumentedRefusal() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<byte[]> requests = new ArrayList<>();
        for (KeyPair pair : List.of(Keys.generateEcP256(), Keys.generateEd25519())) {
            requests.add(CertificateRequests.create(pair, "FR-DGPN"));
        }
        List<DerMutator> mutators = requests.stream().map(der -> new DerMutator(der, random.split())).toList();

        Tally tally = run("CSR", random, CSR_REFUSALS, r -> {
            DerMutator mutator = mutators.get(r.nextInt(mutators.size()));
            byte[] der = mutator.mutate();
            boolean pem = r.nextBoolean();
            return new Input(mutator.lastKind() + (pem ? " as PEM" : " as DER"),
                    pem ? Pem.certificateRequest(der).getBytes(StandardCharsets.US_ASCII) : der);
        }, input -> CertificateRequests.verifiedPublicKey(input));

        assertThat(tally.refused()).containsKeys("CSR is not PKCS#10", "CSR signature invalid");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void readCertificatesWhenGeneratedHostilePemThenChainOrDocumentedRefusal() {
        SplittableRandom random = new SplittableRandom(SEED);
        KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
        String chain = Pem.certificates(agency.chain());
        List<DerMutator> mutators = agency.chain().stream().map(c -> new DerMutator(encoded(c), random.split())).toList();

        Tally tally = run("PEM", random, PEM_REFUSALS, r -> switch (r.nextInt(3)) {
            case 0 -> {
                // A certificate whose DER is mutated, in a well-formed PEM block beside a good one.
                DerMutator mutator = mutators.get(r.nextInt(mutators.size()));
                byte[] der = mutator.mutate();
                yield new Input("DER " + mutator.lastKind(), (chain + "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE-----\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            case 1 -> new Input("text", textMutation(chain, r));
            default -> new Input("labels", labelMutation(chain, r).getBytes(StandardCharsets.US_ASCII));
        }, input -> Pem.readCertificates(new String(input, StandardCharsets.ISO_8859_1)));

        assertThat(tally.refused()).containsKeys("PEM cannot be decoded", "PEM certificate cannot be decoded");
        assertThat(Pem.readCertificates(chain)).containsExactlyElementsOf(agency.chain());
    }

    private record Input(String kind, byte[] bytes) {
    }

    private record Tally(Map<String, Integer> refused, int accepted) {
    }

    private static Tally run(String name, SplittableRandom random, Set<String> refusals,
            Function<SplittableRandom, Input> generator, Function<byte[], Object> parser) {
        Map<String, Integer> refused = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        long started = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            Input input = generator.apply(random);
            kinds.merge(input.kind(), 1, Integer::sum);
            try {
                assertThat(parser.apply(input.bytes())).isNotNull();
                accepted++;
            } catch (IllegalArgumentException e) {
                if (refusals.contains(e.getMessage())) {
                    refused.merge(e.getMessage(), 1, Integer::sum);
                } else {
                    failures.add("case " + i + " (" + input.kind() + "): undocumented message " + e.getMessage());
                }
            } catch (Throwable t) {
                failures.add("case " + i + " (" + input.kind() + "): " + t.getClass().getName() + ": " + t.getMessage());
            }
        }
        System.out.printf("PkiInputFuzzTest %s: %,d cases (seed %d) in %,d ms; accepted %,d; refused %s%n  by input %s%n",
                name, CASES, SEED, (System.nanoTime() - started) / 1_000_000, accepted, refused, kinds);
        assertThat(failures).as("seed " + SEED + ": cases that ended otherwise than accepted or refused as documented")
                .isEmpty();
        return new Tally(refused, accepted);
    }

    /** Bytes of the PEM text flipped, cut, doubled or dropped, base64 broken, line ends changed. */
    private static byte[] textMutation(String pem, SplittableRandom random) {
        byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
        int at = random.nextInt(bytes.length);
        return switch (random.nextInt(6)) {
            case 0 -> {
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                yield bytes;
            }
            case 1 -> java.util.Arrays.copyOf(bytes, at);
            case 2 -> (pem.substring(0, at) + "@#$%\u00e9" + pem.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
            case 3 -> pem.replace("\n", random.nextBoolean() ? "\r\n" : "\r").getBytes(StandardCharsets.US_ASCII);
            case 4 -> (pem.substring(0, at) + pem.substring(Math.min(pem.length(), at + 1 + random.nextInt(80))))
                    .getBytes(StandardCharsets.US_ASCII);
            default -> {
                byte[] noise = new byte[random.nextInt(2048)];
                random.nextBytes(noise);
                yield noise;
            }
        };
    }

    /** Blocks with other labels, no END, mismatched labels, empty blocks, thousands of blocks. */
    private static String labelMutation(String pem, SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> pem.replaceFirst("CERTIFICATE-----\n", "PRIVATE KEY-----\n").replaceFirst("END CERTIFICATE", "END PRIVATE KEY");
            case 1 -> pem.substring(0, pem.lastIndexOf("-----END"));
            case 2 -> pem.replaceFirst("END CERTIFICATE", "END X509 CRL");
            case 3 -> "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
            case 4 -> "-----BEGIN CERTIFICATE-----\n" + "MA==\n".repeat(1 + random.nextInt(5_000)) + "-----END CERTIFICATE-----\n";
            default -> "no PEM here at all, " + random.nextInt();
        };
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
