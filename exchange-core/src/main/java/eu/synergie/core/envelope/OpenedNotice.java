package eu.synergie.core.envelope;

import eu.synergie.core.notice.Notice;
import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A notice taken out of its envelope and verified, with the facts of that verification.
 *
 * @param signerAgency          the agency named in the signer's certificate
 * @param certificateSerial     the signer certificate's serial number, hexadecimal
 * @param certificateSha256     the SHA-256 fingerprint of the signer certificate, hexadecimal
 * @param signedAt              the signing time the signer stated
 * @param signedData            the signer's {@code SignedData} as decrypted, bytes unchanged (what a peer exchange is
 *                              sent, re-encrypted); empty where the notice was not opened from an envelope
 * @param profile               the envelope's profile: {@code HYBRID} only when both layers opened and both signatures
 *                              verified
 * @param postQuantumCertificateSerial the ML-DSA signer certificate's serial number, hexadecimal, for a hybrid
 *                              envelope; null for a classical one
 */
public record OpenedNotice(Notice notice, String signerAgency, String certificateSerial, String certificateSha256,
                           Instant signedAt, Instant verifiedAt, byte[] signedData, EnvelopeProfile profile,
                           String postQuantumCertificateSerial) {

    public OpenedNotice {
        signedData = signedData == null ? new byte[0] : signedData;
        profile = profile == null ? EnvelopeProfile.CLASSICAL : profile;
        if ((profile == EnvelopeProfile.HYBRID) != (postQuantumCertificateSerial != null)) {
            throw new IllegalArgumentException("a hybrid envelope, and only one, has an ML-DSA signer");
        }
    }

    /** A notice opened from a classical envelope. */
    public OpenedNotice(Notice notice, String signerAgency, String certificateSerial, String certificateSha256,
                        Instant signedAt, Instant verifiedAt, byte[] signedData) {
        this(notice, signerAgency, certificateSerial, certificateSha256, signedAt, verifiedAt, signedData,
                EnvelopeProfile.CLASSICAL, null);
    }

    /** A notice whose signed data is not kept (read back from the index, made by a test). */
    public OpenedNotice(Notice notice, String signerAgency, String certificateSerial, String certificateSha256,
                        Instant signedAt, Instant verifiedAt) {
        this(notice, signerAgency, certificateSerial, certificateSha256, signedAt, verifiedAt, new byte[0]);
    }

    // Shared, never changed after opening: the opener hands over a copy of its own.
    @Override
    public byte[] signedData() {
        return signedData.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpenedNotice that && notice.equals(that.notice) && signerAgency.equals(that.signerAgency)
                && certificateSerial.equals(that.certificateSerial) && certificateSha256.equals(that.certificateSha256)
                && signedAt.equals(that.signedAt) && verifiedAt.equals(that.verifiedAt)
                && Arrays.equals(signedData, that.signedData) && profile == that.profile
                && Objects.equals(postQuantumCertificateSerial, that.postQuantumCertificateSerial);
    }

    @Override
    public int hashCode() {
        return Objects.hash(notice, signerAgency, certificateSerial, certificateSha256, signedAt, verifiedAt);
    }

    // The notice's content must never reach a log through toString.
    @Override
    public String toString() {
        return "OpenedNotice[noticeId=" + notice.noticeId() + ", signerAgency=" + signerAgency + ", certificateSerial="
                + certificateSerial + ", signedAt=" + signedAt + ", verifiedAt=" + verifiedAt + ", profile=" + profile + "]";
    }
}
