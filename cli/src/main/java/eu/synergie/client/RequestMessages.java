package eu.synergie.client;

import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeSealer;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.KeyCredential;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The messages of a request for information as an agency's own tool seals and opens them (issue 22), with the
 * agency's key, which the exchange never has. A message is a small JSON object, {@code {"requestId", "step",
 * "fromAgency", "text"}}, signed by the agency in a CMS {@code SignedData} and encrypted ({@code AuthEnvelopedData}) to
 * both agencies' current certificates: the other agency reads it, the sender's own analysts read it back, and
 * {@code openssl cms -decrypt} opens it with either agency's key. Opening checks the signer is of the agency that sent
 * it, and the message is of this request and step: the exchange routes envelopes and must not be able to pass one
 * message off as another.
 */
public final class RequestMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyCredential agencyKey;
    private final String agency;

    /** @param agencyKey the agency's signing and decryption key, with its chain up to the exchange's root */
    public RequestMessages(KeyCredential agencyKey) {
        this.agencyKey = Objects.requireNonNull(agencyKey, "agencyKey");
        this.agency = CertificateAuthority.agencyCodeOf(agencyKey.certificate());
    }

    /** This tool's agency. */
    public String agency() {
        return agency;
    }

    /** A message opened and verified. */
    public record Opened(String requestId, String step, String fromAgency, String text) {
    }

    /**
     * Seals {@code text} as {@code step} of request {@code requestId} to {@code otherAgency}.
     *
     * @param recipients the certificates the exchange gives to seal for (both agencies' current ones): each must be of
     *                   this agency or the other and issued under this agency's root, and one the other's
     * @throws UntrustedCertificateException if a certificate is neither party's or not issued under the root
     */
    public byte[] seal(String requestId, String step, String otherAgency, String text, List<X509Certificate> recipients) {
        Objects.requireNonNull(text, "text");
        List<X509Certificate> checked = new ArrayList<>();
        boolean toOther = false;
        for (X509Certificate certificate : recipients) {
            String of = agencyOf(certificate);
            if (!of.equals(agency) && !of.equals(otherAgency)) {
                throw new UntrustedCertificateException("a certificate to seal for is " + of + "'s, neither " + agency
                        + "'s nor " + otherAgency + "'s", null);
            }
            AgencySealer.requireAgencyCertificate(certificate, of, agencyKey.chain());
            toOther |= of.equals(otherAgency);
            checked.add(certificate);
        }
        if (!toOther) {
            throw new UntrustedCertificateException("no certificate of " + otherAgency + " to seal for", null);
        }
        if (checked.stream().noneMatch(agencyKey.certificate()::equals)) {
            checked.add(agencyKey.certificate()); // this key store's analysts read their own message back
        }
        ObjectNode message = JSON.createObjectNode().put("requestId", requestId).put("step", step).put("fromAgency", agency)
                .put("text", text);
        return EnvelopeSealer.seal(JSON.writeValueAsBytes(message), agencyKey, checked);
    }

    /**
     * Opens a message of request {@code requestId} that the thread says {@code fromAgency} sent as {@code step}.
     *
     * @throws UntrustedCertificateException if it is signed by another agency than {@code fromAgency}, or is another
     *                                       request's or step's message
     * @throws eu.synergie.crypto.envelope.EnvelopeException if it does not open with this agency's key, or its signer does
     *                                       not chain to the exchange's root
     */
    public Opened open(byte[] envelope, String requestId, String step, String fromAgency) {
        X509Certificate root = agencyKey.chain().getLast();
        OpenedEnvelope opened = new EnvelopeOpener(root).open(envelope, List.of(agencyKey));
        String signer = agencyOf(opened.signer());
        JsonNode message;
        try {
            message = JSON.readTree(opened.content());
        } catch (JacksonException e) {
            throw new UntrustedCertificateException("the envelope holds no request message", e);
        }
        Opened read = new Opened(message.path("requestId").asString(""), message.path("step").asString(""),
                message.path("fromAgency").asString(""), message.path("text").asString(""));
        if (!signer.equals(fromAgency) || !read.fromAgency().equals(fromAgency)) {
            throw new UntrustedCertificateException("the message is signed by " + signer + ", not by " + fromAgency
                    + " who the thread says sent it", null);
        }
        if (!read.requestId().equals(requestId) || !read.step().equals(step)) {
            throw new UntrustedCertificateException("the message is " + read.step() + " of request " + read.requestId()
                    + ", not " + step + " of " + requestId, null);
        }
        return read;
    }

    private static String agencyOf(X509Certificate certificate) {
        try {
            return CertificateAuthority.agencyCodeOf(certificate);
        } catch (IllegalArgumentException e) {
            throw new UntrustedCertificateException("certificate " + certificate.getSubjectX500Principal().getName()
                    + " is not an agency certificate", e);
        }
    }
}
