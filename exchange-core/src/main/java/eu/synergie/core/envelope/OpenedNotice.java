package eu.synergie.core.envelope;

import eu.synergie.core.notice.Notice;

import java.time.Instant;

/**
 * A notice taken out of its envelope and verified, with the facts of that verification.
 *
 * @param signerAgency          the agency named in the signer's certificate
 * @param certificateSerial     the signer certificate's serial number, hexadecimal
 * @param certificateSha256     the SHA-256 fingerprint of the signer certificate, hexadecimal
 * @param signedAt              the signing time the signer stated
 */
public record OpenedNotice(Notice notice, String signerAgency, String certificateSerial, String certificateSha256,
                           Instant signedAt, Instant verifiedAt) {
}
