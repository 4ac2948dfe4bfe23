package eu.synergie.crypto.envelope;

import eu.synergie.crypto.pki.BouncyCastle;
import static org.assertj.core.api.Assertions.assertThat;

import eu.synergie.crypto.asn1.DerMutator;
import eu.synergie.crypto.envelope.EnvelopeOpener.Originator;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated hostile envelopes (a seeded generator of ours): from valid envelopes of every profile the sealer
 * makes (ECDSA P-256 and Ed25519 signers, with and without the security label, with and without the
 * originator among the recipients) and from envelopes whose signed attributes are duplicated, missing or of
 * the wrong type, mutated by {@link DerMutator} (bit flips, truncation, inserted and deleted bytes, lengths
 * beyond the input and near 2^31, thousands of levels of nesting, wrong types, swapped, duplicated and
 * removed elements), outside and inside the encryption. Every case must end in an opened envelope with the
 * original content and signer, or in an {@link EnvelopeException}: never another exception, never an Error.
 *
 * <p>{@code -Dsynergie.fuzz.cases=N} and {@code -Dsynergie.fuzz.seed=S} change the run; the seed of a failing
 * run is printed with the first failures.
 */
class EnvelopeOpenerFuzzTest {

    private static final int CASES = Integer.getInteger("synergie.fuzz.cases", 100_000);
    private static final long SEED = Long.getLong("synergie.fuzz.seed", 0x5EA1ED13L);
    private static final byte[] NOTICE = ("{\"noticeId\":\"6f1c0e2a-1b7e-4c55-9d0f-0e7f2f3b9a10\",\"region\":\"EU-WEST\","
            + "\"summary\":\"fuzz plaintext marker\"}").getBytes(StandardCharsets.UTF_8);

    private final CertificateAuthority ca = TestCredentials.ca("Synergie Fuzz Root");
    private final KeyCredential ecAgency = TestCredentials.agency("FR-DGPN").issuedBy(ca).build();
    private final KeyCredential edAgency = TestCredentials.agency("DE-BKA").issuedBy(ca).keyPair(Keys.generateEd25519()).build();
    private final KeyCredential region = TestCredentials.region("EU-WEST").issuedBy(ca).build();
    private final EnvelopeOpener exchange = new EnvelopeOpener(ca.certificate(), 1 << 20, Originator.MUST_BE_RECIPIENT);
    private final EnvelopeOpener anyone = new EnvelopeOpener(ca.certificate(), 1 << 20, Originator.MAY_BE_ABSENT);

    /** A valid starting point: the envelope, its signer, and who opens it with which key. */
    private record Base(String profile, byte[] envelope, KeyCredential signer, EnvelopeOpener opener, KeyCredential key,
            DerMutator mutator) {
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void openWhenGeneratedHostileEnvelopesThenOpenedAsSealedOrRefusedWithAReason() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Base> bases = bases(random);
        List<Inner> inners = inners(random);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedCpu = threads.getCurrentThreadCpuTime();
        Map<String, Integer> byMutation = new TreeMap<>();
        Map<String, Long> millisByMutation = new TreeMap<>();
        Map<EnvelopeException.Reason, Integer> byReason = new EnumMap<>(EnvelopeException.Reason.class);
        List<String> failures = new ArrayList<>();
        int opened = 0;
        long slowestNanos = 0;
        String slowest = "";
        long started = System.nanoTime();

        for (int i = 0; i < CASES; i++) {
            Base base = bases.get(random.nextInt(bases.size()));
            String mutation;
            byte[] input;
            int roll = random.nextInt(100);
            if (roll < 86) {
                input = base.mutator().mutate();
                mutation = "outer " + base.mutator().lastKind();
            } else if (roll < 96) {
                // Inside the encryption: the structure a valid GCM tag vouches for, sealed again for the region
                // alone (one key agreement less to pay), opened by an opener that does not ask for the originator.
                Inner signed = inners.get(random.nextInt(inners.size()));
                input = EnvelopeSealer.encrypt(signed.mutator().mutate(), List.of(region.certificate()));
                mutation = "inner " + signed.mutator().lastKind();
                base = new Base("inner " + signed.profile(), input, signed.signer(), anyone, region, null);
            } else {
                int kind = random.nextInt(WHOLE_INPUTS.size());
                input = wholeInput(kind, random);
                mutation = "whole " + WHOLE_INPUTS.get(kind);
            }
            byMutation.merge(mutation, 1, Integer::sum);
            long start = System.nanoTime();
            try {
                OpenedEnvelope result = base.opener().open(input, List.of(base.key()));
                opened++;
                if (!Arrays.equals(result.content(), NOTICE) || !result.signer().equals(base.signer().certificate())) {
                    failures.add("case " + i + " (" + base.profile() + ", " + mutation + "): opened with other content or signer");
                }
            } catch (EnvelopeException e) {
                byReason.merge(e.reason(), 1, Integer::sum);
            } catch (Throwable t) { // an Error too: that is what this test is for
                failures.add("case " + i + " (" + base.profile() + ", " + mutation + "): " + t.getClass().getName()
                        + ": " + t.getMessage());
            }
            long took = System.nanoTime() - start;
            millisByMutation.merge(mutation.substring(0, mutation.indexOf(' ')), took / 1_000_000, Long::sum);
            if (took > slowestNanos) {
                slowestNanos = took;
                slowest = mutation + " of " + input.length + " bytes";
            }
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000_000;

        System.out.printf("EnvelopeOpenerFuzzTest: %,d cases (seed %d, %d valid bases) in %,d ms (%,d ms of CPU); opened as sealed %,d; "
                        + "refused by reason %s; slowest case %.1f ms (%s); ms opening by place %s%n  by mutation %s%n",
                CASES, SEED, bases.size(), elapsedMillis, cpuMillis, opened, byReason, slowestNanos / 1e6, slowest, millisByMutation,
                byMutation);
        assertThat(failures).as("seed " + SEED + ": cases that ended otherwise than opened or refused").isEmpty();
        // The generator must reach deep enough to meet the checks after decryption and signature, not only the parser.
        assertThat(byReason).containsKeys(EnvelopeException.Reason.MALFORMED, EnvelopeException.Reason.TAMPERED,
                EnvelopeException.Reason.SIGNATURE_INVALID, EnvelopeException.Reason.ORIGINATOR_NOT_A_RECIPIENT);
        assertThat(opened).as("the valid bases still open").isPositive();
    }

    /** A valid SignedData to be mutated before it is encrypted. */
    private record Inner(String profile, KeyCredential signer, DerMutator mutator) {
    }

    private List<Inner> inners(SplittableRandom random) {
        List<Inner> inners = new ArrayList<>();
        for (KeyCredential signer : List.of(ecAgency, edAgency)) {
            for (SecurityLabel label : Arrays.asList(null, TestSecurityLabels.restricted())) {
                inners.add(new Inner((signer == ecAgency ? "P-256" : "Ed25519") + (label == null ? "" : ", labelled"),
                        signer, new DerMutator(EnvelopeSealer.sign(NOTICE, signer, label), random.split())));
            }
        }
        return inners;
    }

    private List<Base> bases(SplittableRandom random) {
        List<Base> bases = new ArrayList<>();
        for (boolean labelled : new boolean[] {false, true}) {
            SecurityLabel label = labelled ? TestSecurityLabels.restricted() : null;
            String suffix = labelled ? ", labelled" : "";
            // The exchange's view: ECDSA signer who is also a recipient, opened with the region key, originator required.
            bases.add(base("P-256 signer + originator" + suffix, seal(ecAgency, label, region, ecAgency), ecAgency,
                    exchange, region, random));
            // The originator's view of the same kind of envelope: opened with its own key.
            bases.add(base("P-256 signer opened by itself" + suffix, seal(ecAgency, label, region, ecAgency), ecAgency,
                    anyone, ecAgency, random));
            // Region only: refused by the exchange for want of the originator, opened by anyone else.
            bases.add(base("P-256 signer, region only" + suffix, seal(ecAgency, label, region), ecAgency, anyone, region,
                    random));
            // Ed25519 keys only sign: never a recipient, so only an opener that does not ask for the originator opens it.
            bases.add(base("Ed25519 signer" + suffix, seal(edAgency, label, region), edAgency, anyone, region, random));
            bases.add(base("Ed25519 signer, exchange" + suffix, seal(edAgency, label, region), edAgency, exchange, region,
                    random));
        }
        for (KeyCredential signer : List.of(ecAgency, edAgency)) {
            for (Map.Entry<String, UnaryOperator<AttributeTable>> variant : attributeVariants().entrySet()) {
                byte[] signed = signWithAttributes(signer, variant.getValue());
                bases.add(base((signer == ecAgency ? "P-256" : "Ed25519") + " signer, " + variant.getKey(),
                        EnvelopeSealer.encrypt(signed, recipientsOf(signer)), signer,
                        signer == ecAgency ? exchange : anyone, region, random));
            }
        }
        return bases;
    }

    private Base base(String profile, byte[] envelope, KeyCredential signer, EnvelopeOpener opener, KeyCredential key,
            SplittableRandom random) {
        return new Base(profile, envelope, signer, opener, key, new DerMutator(envelope, random.split()));
    }

    private List<X509Certificate> recipientsOf(KeyCredential signer) {
        return signer == ecAgency ? List.of(region.certificate(), ecAgency.certificate()) : List.of(region.certificate());
    }

    private static byte[] seal(KeyCredential signer, SecurityLabel label, KeyCredential... recipients) {
        List<X509Certificate> certificates = Arrays.stream(recipients).map(KeyCredential::certificate).toList();
        return label == null ? EnvelopeSealer.seal(NOTICE, signer, certificates)
                : EnvelopeSealer.seal(NOTICE, signer, certificates, label);
    }

    /** Signed attributes duplicated, missing, multi-valued or of the wrong type; the signature covers them all. */
    private static Map<String, UnaryOperator<AttributeTable>> attributeVariants() {
        Map<String, UnaryOperator<AttributeTable>> variants = new TreeMap<>();
        ASN1ObjectIdentifier label = SecurityLabels.ID_AA_SECURITY_LABEL;
        ASN1ObjectIdentifier signingCertificate = PKCSObjectIdentifiers.id_aa_signingCertificateV2;
        for (ASN1ObjectIdentifier type : List.of(CMSAttributes.contentType, CMSAttributes.messageDigest,
                CMSAttributes.signingTime, label, signingCertificate)) {
            String name = type.equals(label) ? "label" : type.equals(signingCertificate) ? "signingCertificateV2"
                    : type.equals(CMSAttributes.contentType) ? "contentType"
                    : type.equals(CMSAttributes.messageDigest) ? "messageDigest" : "signingTime";
            variants.put("duplicate " + name, table -> {
                Attribute attribute = table.get(type);
                return attribute == null ? table : table.add(type, attribute.getAttrValues().getObjectAt(0));
            });
            variants.put("two values in one " + name, table -> {
                Attribute attribute = table.get(type);
                if (attribute == null) {
                    return table;
                }
                ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
                return with(table.remove(type), new Attribute(type, new DERSet(new ASN1Encodable[] {value, value})));
            });
            variants.put("missing " + name, table -> table.remove(type));
            variants.put("no value in " + name, table -> with(table.remove(type), new Attribute(type, new DERSet())));
            variants.put("wrong type of " + name, table -> with(table.remove(type), new Attribute(type, new DERSet(
                    new ASN1Encodable[] {type.equals(CMSAttributes.signingTime) ? new ASN1Integer(20261128)
                            : new DEROctetString(new byte[] {1, 2, 3})}))));
        }
        variants.put("second signing time earlier", table -> table.add(CMSAttributes.signingTime,
                new DERUTCTime("010101000000Z")));
        variants.put("no signed attributes", table -> new AttributeTable(new ASN1EncodableVector()));
        return variants;
    }

    private static AttributeTable with(AttributeTable table, Attribute attribute) {
        ASN1EncodableVector attributes = table.toASN1EncodableVector();
        attributes.add(attribute);
        return new AttributeTable(attributes);
    }

    private byte[] signWithAttributes(KeyCredential signer, UnaryOperator<AttributeTable> change) {
        try {
            ASN1EncodableVector ours = new ASN1EncodableVector();
            ours.add(EnvelopeSealer.signingCertificateV2(signer.certificate()));
            ours.add(SecurityLabels.attribute(TestSecurityLabels.restricted()));
            DefaultSignedAttributeTableGenerator defaults = new DefaultSignedAttributeTableGenerator(new AttributeTable(ours));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                    .setSignedAttributeGenerator(parameters -> change.apply(
                            defaults.getAttributes(parameters).remove(CMSAttributes.cmsAlgorithmProtect)))
                    .build(new JcaContentSignerBuilder(signer == ecAgency ? "SHA256withECDSA" : "Ed25519")
                            .setProvider(BouncyCastle.PROVIDER).build(signer.privateKey()), signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            return generator.generate(new CMSProcessableByteArray(NOTICE), true).toASN1Structure()
                    .getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test envelope", e);
        }
    }

    /** Inputs that are not an envelope at all: deep nesting from the first byte, random bytes, next to nothing. */
    private static final List<String> WHOLE_INPUTS = List.of("nested definite", "nested indefinite",
            "ContentInfo nesting 5000 levels", "random bytes", "0 to 2 bytes", "length 2^31-1 of nothing");

    private static byte[] wholeInput(int kind, SplittableRandom random) {
        return switch (kind) {
            case 0 -> DerMutator.nestedDefinite(1_000 + random.nextInt(20_000));
            case 1 -> DerMutator.nestedIndefinite(1_000 + random.nextInt(100_000));
            // A ContentInfo of type authEnvelopedData whose content nests 5,000 levels deep.
            case 2 -> DerMutator.element(0x30, DerMutator.element(0x06, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                    (byte) 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x17}), DerMutator.element(0xa0, DerMutator.nestedIndefinite(5_000)));
            case 3 -> {
                byte[] bytes = new byte[random.nextInt(4096)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 4 -> new byte[random.nextInt(3)];
            default -> new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        };
    }
}
