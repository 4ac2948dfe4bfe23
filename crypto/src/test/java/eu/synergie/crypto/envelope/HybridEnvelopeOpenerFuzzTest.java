package eu.synergie.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import eu.synergie.crypto.asn1.DerMutator;
import eu.synergie.crypto.envelope.EnvelopeOpener.Originator;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated hostile hybrid envelopes (a seeded generator of ours, {@link DerMutator}): mutations of the outer ML-KEM
 * layer as sent, of the ECDH envelope inside it (encrypted again for the ML-KEM recipient, as anyone can), and of the
 * SignedData with its ECDSA signer and that signer's ML-DSA countersignature (encrypted again through both layers). Every case must end in an opened envelope with the
 * original content and signer, or in an {@link EnvelopeException}: never another exception, never an Error.
 *
 * <p>{@code -Dsynergie.fuzz.hybrid.cases=N} and {@code -Dsynergie.fuzz.seed=S} change the run.
 */
class HybridEnvelopeOpenerFuzzTest {

    private static final int CASES = Integer.getInteger("synergie.fuzz.hybrid.cases", 10_000);
    private static final long SEED = Long.getLong("synergie.fuzz.seed", 0x5EA1ED13L);
    private static final byte[] NOTICE = "{\"noticeId\":\"N-fuzz\",\"summary\":\"hybrid fuzz plaintext\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Fuzz Root");
    private final CertificateAuthority pqCa = TestCredentials.mlDsaCa("Synergie Fuzz ML-DSA Root");
    private final KeyCredential agency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential agencyPq = TestCredentials.agency("FR-DGPN").issuedBy(pqCa)
            .keyPair(Keys.generateMlDsa65()).build();
    private final KeyCredential agencyKem = TestCredentials.agencyKem("FR-DGPN").issuedBy(pqCa).build();
    private final KeyCredential region = TestCredentials.region("EU-WEST").issuedBy(ca).build();
    private final KeyCredential regionKem = TestCredentials.regionKem("EU-WEST").issuedBy(pqCa).build();
    private final List<HybridRecipient> recipients = List.of(
            new HybridRecipient(region.certificate(), regionKem.certificate()),
            new HybridRecipient(agency.certificate(), agencyKem.certificate()));
    private final HybridEnvelopeOpener opener = new HybridEnvelopeOpener(ca.certificate(), pqCa.certificate(), 1 << 20,
            Originator.MUST_BE_RECIPIENT);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void openWhenGeneratedHostileHybridEnvelopesThenOpenedAsSealedOrRefusedWithAReason() {
        byte[] signedData = HybridEnvelopeSealer.sign(NOTICE, agency, agencyPq, TestSecurityLabels.restricted());
        byte[] classical = EnvelopeSealer.encrypt(signedData, recipients.stream().map(HybridRecipient::ecdh).toList());
        byte[] envelope = HybridEnvelopeSealer.encapsulate(classical, recipients.stream().map(HybridRecipient::mlKem).toList());
        SplittableRandom random = new SplittableRandom(SEED);
        List<Layer> layers = List.of(
                new Layer("outer", new DerMutator(envelope, random.split()), bytes -> bytes),
                new Layer("ecdh", new DerMutator(classical, random.split()), bytes -> HybridEnvelopeSealer.encapsulate(
                        bytes, recipients.stream().map(HybridRecipient::mlKem).toList())),
                new Layer("signed", new DerMutator(signedData, random.split()), bytes -> HybridEnvelopeSealer.rewrap(
                        bytes, recipients)));
        Map<EnvelopeException.Reason, Integer> byReason = new EnumMap<>(EnvelopeException.Reason.class);
        List<String> failures = new ArrayList<>();
        int opened = 0;

        for (int i = 0; i < CASES; i++) {
            Layer layer = layers.get(random.nextInt(layers.size()));
            byte[] hostile = layer.seal().apply(layer.mutator().mutate());
            try {
                OpenedEnvelope result = opener.open(hostile, List.of(region, regionKem));
                if (!Arrays.equals(result.content(), NOTICE) || !result.signer().equals(agency.certificate())) {
                    failures.add(layer.name() + " " + layer.mutator().lastKind() + ": opened with other content or signer");
                }
                opened++;
            } catch (EnvelopeException e) {
                byReason.merge(e.reason(), 1, Integer::sum);
            } catch (RuntimeException | Error e) {
                failures.add(layer.name() + " " + layer.mutator().lastKind() + ": " + e);
            }
        }

        assertThat(failures).as("seed %d: cases that ended otherwise than opened as sealed or refused with a reason",
                SEED).isEmpty();
        assertThat(byReason).as("opened %d; refused by reason %s", opened, byReason)
                .containsKeys(EnvelopeException.Reason.MALFORMED, EnvelopeException.Reason.TAMPERED);
    }

    private record Layer(String name, DerMutator mutator, UnaryOperator<byte[]> seal) {
    }
}
