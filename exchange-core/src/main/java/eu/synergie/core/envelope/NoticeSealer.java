package eu.synergie.core.envelope;

import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.pki.KeyCredential;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The agency side: seals a notice as the exchange expects it. The notice JSON is signed with the
 * agency's key, its markings bound into the signature as a security label, and the result encrypted
 * to the region's recipient certificate and to the agency's own (so it can read its notices back).
 */
public final class NoticeSealer {

    private NoticeSealer() {
    }

    public static byte[] seal(Notice notice, KeyCredential agency, X509Certificate region, X509Certificate... moreRecipients) {
        return seal(NoticeJson.write(notice), notice, agency, region, moreRecipients);
    }

    /** Seals notice JSON exactly as given (after checking it is a valid notice, to derive its label). */
    public static byte[] seal(byte[] noticeJson, KeyCredential agency, X509Certificate region, X509Certificate... moreRecipients) {
        return seal(noticeJson, NoticeJson.read(noticeJson), agency, region, moreRecipients);
    }

    private static byte[] seal(byte[] json, Notice notice, KeyCredential agency, X509Certificate region,
                               X509Certificate... moreRecipients) {
        List<X509Certificate> recipients = new ArrayList<>(List.of(region, agency.certificate()));
        recipients.addAll(List.of(moreRecipients));
        return EnvelopeSealer.seal(json, agency, recipients, MarkingsLabel.of(notice.markings()));
    }
}
