package eu.synergie.cli;

import eu.synergie.cli.config.Setting;
import eu.synergie.cli.keys.AgencyKeyStore;
import eu.synergie.core.envelope.MarkingsLabel;
import eu.synergie.core.notice.InvalidNoticeException;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.HybridEnvelopeOpener;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.Pem;
import eu.synergie.crypto.pki.Pkcs12;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens and checks an envelope as the exchange would, short of its trust registry: decrypts it with a
 * recipient key, verifies the signature and the signer's chain to the exchange's root CA as of the
 * signing time, that the signer is among the recipients, and checks that the notice is valid, signed by its originator, and that its markings
 * equal the security label the originator signed. A hybrid envelope ({@link EnvelopeProfile#of}) is opened with both
 * an ECDH and an ML-KEM-768 key, and both its signatures verified, the ML-DSA-65 one up to the exchange's ML-DSA-65
 * root (the root of the agency's installed ML-DSA-65 chain, or of the recipient's ML-KEM-768 chain).
 */
final class EnvelopeCheck {

    // The exchange's default limit (synergie.max-envelope-bytes).
    private static final int MAX_ENVELOPE_BYTES = EnvelopeOpener.DEFAULT_MAX_ENVELOPE_BYTES;

    record Verified(Notice notice, byte[] content, OpenedEnvelope envelope, String signerAgency, EnvelopeProfile profile) {
    }

    private EnvelopeCheck() {
    }

    static Verified open(Invocation run, String input, String caOption) {
        byte[] envelope = run.read(input, "the envelope");
        EnvelopeProfile profile = EnvelopeProfile.of(envelope);
        List<Path> recipientFiles = run.settings.paths(Setting.RECIPIENT_KEYSTORE);
        List<KeyCredential> recipients = new ArrayList<>();
        X509Certificate anchor;
        X509Certificate postQuantumAnchor = null;
        if (!recipientFiles.isEmpty()) {
            // A region's two keys are in two files at the exchange (region-<r>.p12, region-<r>-ml-kem.p12), one password.
            for (Path recipientFile : recipientFiles) {
                recipients.addAll(readRecipient(run, recipientFile));
            }
            List<KeyCredential> classical = recipients.stream()
                    .filter(r -> !Keys.isMlKem768(r.certificate().getPublicKey())).toList();
            anchor = caOption != null ? anchor(run, caOption) : (classical.isEmpty() ? recipients : classical).getFirst()
                    .chain().getLast();
            if (profile == EnvelopeProfile.HYBRID) {
                postQuantumAnchor = recipients.stream().map(r -> r.chain().getLast())
                        .filter(root -> Keys.isMlDsa65(root.getPublicKey())).findFirst()
                        .orElseThrow(() -> new CliFailure(ExitCode.TRUST, "the envelope is hybrid, and the recipient key "
                                + "stores " + recipientFiles + " hold no ML-KEM-768 key certified by the exchange's "
                                + "ML-DSA-65 root to check its ML-DSA-65 signature against"));
            }
        } else {
            AgencyKeyStore store = run.keyStore("opening an envelope");
            recipients.add(store.signingCredential());
            anchor = caOption != null ? anchor(run, caOption) : store.exchangeRoot();
            if (profile == EnvelopeProfile.HYBRID) {
                var postQuantum = store.postQuantumCredentials().orElseThrow(() -> new CliFailure(ExitCode.TRUST,
                        "the envelope is hybrid (ML-KEM-768 and ECDH), and " + store.file() + " holds no ML-KEM-768 key: "
                                + "only a hybrid key store (synergie keygen --profile hybrid) opens it"));
                recipients.add(postQuantum.mlKem());
                postQuantumAnchor = postQuantum.mlDsa().chain().getLast();
            }
        }
        OpenedEnvelope opened = profile == EnvelopeProfile.HYBRID
                ? new HybridEnvelopeOpener(anchor, postQuantumAnchor, MAX_ENVELOPE_BYTES,
                        EnvelopeOpener.Originator.MUST_BE_RECIPIENT).open(envelope, recipients)
                : new EnvelopeOpener(anchor, MAX_ENVELOPE_BYTES, EnvelopeOpener.Originator.MUST_BE_RECIPIENT)
                        .open(envelope, recipients);
        Notice notice;
        try {
            notice = NoticeJson.read(opened.content());
        } catch (InvalidNoticeException e) {
            throw new CliFailure(ExitCode.TRUST, "the envelope verifies but holds no valid notice: " + e.getMessage());
        }
        String signer;
        try {
            signer = CertificateAuthority.agencyCodeOf(opened.signer());
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.TRUST, "UNKNOWN_SIGNER: the signer's certificate is not an agency certificate");
        }
        if (!signer.equals(notice.originAgency())) {
            throw new CliFailure(ExitCode.TRUST, "SIGNER_NOT_ORIGINATOR: signed by " + signer + " but originAgency is "
                    + notice.originAgency());
        }
        if (opened.label().isEmpty()) {
            throw new CliFailure(ExitCode.TRUST, "LABEL_MISMATCH: the signature binds no security label");
        }
        if (!MarkingsLabel.matches(opened.label().get(), notice.markings())) {
            throw new CliFailure(ExitCode.TRUST, "LABEL_MISMATCH: the notice's markings differ from the security label "
                    + "its originator signed");
        }
        return new Verified(notice, opened.content(), opened, signer, profile);
    }

    static void describe(Verified verified, java.io.PrintStream out) {
        Notice notice = verified.notice();
        Markings m = notice.markings();
        X509Certificate signer = verified.envelope().signer();
        out.println("Verified: signed by " + verified.signerAgency() + " at " + verified.envelope().signingTime()
                + " (certificate serial " + signer.getSerialNumber().toString(16) + ", issued by "
                + signer.getIssuerX500Principal().getName() + ")"
                + (verified.profile() == EnvelopeProfile.HYBRID ? " and countersigned with its ML-DSA-65 key" : ""));
        out.println("  profile " + verified.profile().name().toLowerCase(java.util.Locale.ROOT)
                + (verified.profile() == EnvelopeProfile.HYBRID ? " (opened with an ECDH and an ML-KEM-768 key)" : ""));
        out.println("  notice " + notice.noticeId() + ", " + notice.type() + ", region " + notice.region());
        out.println("  markings " + m.classification() + ", TLP:" + m.tlp().label() + ", " + m.handlingCode()
                + ", dissemination " + m.dissemination()
                + (m.releasableTo().isEmpty() ? "" : ", releasable to " + String.join(" ", m.releasableTo()))
                + ": equal to the signed security label");
        out.println("  opened with the key of " + verified.envelope().recipient().getSubjectX500Principal().getName());
    }

    private static List<KeyCredential> readRecipient(Invocation run, Path file) {
        String password = run.settings.text(Setting.RECIPIENT_KEYSTORE_PASSWORD).orElse(null);
        char[] secret;
        if (password != null) {
            secret = password.toCharArray();
        } else {
            secret = run.io.prompt().map(p -> p.read("Recipient key store password: ")).orElseThrow(() -> new CliFailure(
                    ExitCode.USAGE, "the recipient key store password is not set: set "
                    + Setting.RECIPIENT_KEYSTORE_PASSWORD.environment()));
        }
        try {
            List<KeyCredential> keys = List.copyOf(Pkcs12.readAll(file, secret).values());
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no private key entry");
            }
            return keys;
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "cannot open recipient key store " + file + ": wrong password or not PKCS#12", e);
        }
    }

    /** The trust anchor in a PEM file: its self-signed certificate (the last one when there are several). */
    private static X509Certificate anchor(Invocation run, String file) {
        Path path = run.io.path(file);
        List<X509Certificate> certificates;
        try {
            certificates = Pem.readCertificates(Files.readString(path, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "cannot read the CA certificate " + path + ": " + e.getMessage(), e);
        }
        for (X509Certificate certificate : certificates.reversed()) {
            if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(certificate.getPublicKey());
                    return certificate;
                } catch (GeneralSecurityException notSelfSigned) {
                    // keep looking
                }
            }
        }
        return certificates.getLast();
    }
}
