package eu.synergie.crypto.stamp;

import static org.assertj.core.api.Assertions.assertThat;

import eu.synergie.crypto.asn1.DerMutator;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated hostile records on the exchange's own topics (a seeded generator: {@link DerMutator}'s mutations of
 * records the exchange stamped, and of what a forger holding an agency's key would append): every case ends in
 * the stamped content or in a {@link StampException}, never another exception, never an Error. Anyone who can
 * write a topic can append such a record, and every instance reads it. 20,000 cases per run
 * ({@code -Dsynergie.fuzz.stamp.cases}, {@code -Dsynergie.fuzz.seed}).
 */
class ExchangeStampsFuzzTest {

    private static final int CASES = Integer.getInteger("synergie.fuzz.stamp.cases", 20_000);
    private static final long SEED = Long.getLong("synergie.fuzz.seed", 0x5EA1ED13L);
    private static final byte[] CONTENT = "{\"agency\":\"FR-DGPN\",\"version\":2,\"regions\":[\"EU-WEST\"]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Clock NOW = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);

    private final CertificateAuthority root = CertificateAuthority.createRoot("Fuzz Root", Duration.ofDays(30));
    private final CertificateAuthority issuing = root.issueSubordinate("Fuzz Issuing", Duration.ofDays(20));
    /** The log signers the exchange made: the one {@link #bases} makes, pinned once made. */
    private final List<X509Certificate> pinned = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExchangeSignatures signatures = new ExchangeSignatures(root.certificate(), () -> pinned);
    private final ExchangeMac mac = new ExchangeMac(new SecretKeySpec(new byte[32], "AES"), NOW);

    /** A valid starting point, and how it is read back. */
    private record Base(String name, DerMutator mutator, Function<byte[], byte[]> read) {
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void openWhenGeneratedHostileRecordsThenContentOrStampException() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Base> bases = bases(random);
        Map<String, Integer> byOutcome = new TreeMap<>();
        Map<String, Integer> byMutation = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();

        for (int i = 0; i < CASES; i++) {
            Base base = bases.get(random.nextInt(bases.size()));
            byte[] input = base.mutator().mutate();
            String mutation = base.name() + " " + base.mutator().lastKind();
            byMutation.merge(base.mutator().lastKind().name(), 1, Integer::sum);
            try {
                byte[] content = base.read().apply(input);
                byOutcome.merge(base.name() + " read", 1, Integer::sum);
                if (!Arrays.equals(content, CONTENT)) {
                    failures.add("case " + i + " (" + mutation + "): read with other content");
                }
            } catch (StampException e) {
                byOutcome.merge(base.name() + " " + e.reason(), 1, Integer::sum);
                if (e.getMessage().contains("FR-DGPN")) {
                    failures.add("case " + i + " (" + mutation + "): the refusal quotes the content");
                }
            } catch (Throwable t) { // an Error too: that is what this test is for
                failures.add("case " + i + " (" + mutation + "): " + t.getClass().getName() + ": " + t.getMessage());
            }
        }

        System.out.printf("ExchangeStampsFuzzTest: %,d cases (seed %d, %d valid bases) in %,d ms; outcomes %s%n  by mutation %s%n",
                CASES, SEED, bases.size(), (System.nanoTime() - started) / 1_000_000, byOutcome, byMutation);
        assertThat(failures).as("seed " + SEED + ": cases that ended otherwise than read or refused").isEmpty();
        // Deep enough to meet the checks after parsing, not only the parser.
        assertThat(byOutcome).containsKeys("signed FORGED", "signed UNSTAMPED", "mac FORGED", "mac UNSTAMPED",
                "agency-signed UNTRUSTED_SIGNER");
    }

    private List<Base> bases(SplittableRandom random) {
        KeyPair pair = Keys.generateEcP256();
        KeyCredential logSigner = new KeyCredential(pair.getPrivate(), issuing.chainOf(
                issuing.issueExchangeSigningCertificate("Fuzz Log Signer", pair.getPublic(), Duration.ofDays(10))));
        pinned.add(logSigner.certificate());
        KeyPair agencyPair = Keys.generateEcP256();
        KeyCredential agency = new KeyCredential(agencyPair.getPrivate(),
                issuing.chainOf(issuing.issueAgencyCertificate("FR-DGPN", agencyPair.getPublic(), Duration.ofDays(1))));
        ExchangeSigner signer = ExchangeSigner.of(logSigner, NOW);
        return List.of(
                new Base("signed", new DerMutator(signer.sign(CONTENT), random.split()), der -> signatures.open(der).content()),
                new Base("detached", new DerMutator(signer.signDetached(CONTENT), random.split()), der -> {
                    signatures.verifyDetached(CONTENT, der);
                    return CONTENT;
                }),
                new Base("agency-signed", new DerMutator(Forgeries.signedData(agency, CONTENT), random.split()),
                        der -> signatures.open(der).content()),
                new Base("mac", new DerMutator(mac.seal(CONTENT), random.split()), der -> mac.open(der).content()));
    }
}
