package eu.synergie.client;

import eu.synergie.core.envelope.MarkingsLabel;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeException;
import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.envelope.HybridEnvelopeOpener;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import eu.synergie.crypto.pki.KeyCredential;
import eu.synergie.crypto.pki.Keys;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hybrid profile on the agency side: which regions are sealed hybrid, what the envelope opens with, refusals. */
class AgencySealerHybridTest {

    private final TestPki pki = new TestPki();
    private final KeyCredential euWest = pki.region("EU-WEST");
    private final KeyCredential euWestKem = pki.regionKem("EU-WEST");
    private final KeyCredential med = pki.region("MED");
    private final KeyCredential agency = pki.agency("BE-PJF");
    private final PostQuantumCredentials agencyPq = pki.agencyPostQuantum("BE-PJF");

    private HybridEnvelopeOpener opener() {
        return new HybridEnvelopeOpener(pki.root.certificate(), pki.mlDsaRoot.certificate(), 1 << 20,
                EnvelopeOpener.Originator.MUST_BE_RECIPIENT);
    }

    @Test
    void sealWhenRegionHasAnMlKemCertificateThenHybridAndTheRegionOpensItWithBothKeysOnly() {
        AgencySealer sealer = new AgencySealer(agency, agencyPq, List.of(euWest.certificate(), euWestKem.certificate()),
                SealingProfile.AUTO);
        UUID id = UUID.randomUUID();
        byte[] json = TestNotices.notice().id(id).bytes();

        SealedNotice sealed = sealer.seal(json);

        assertThat(sealer.profileFor("EU-WEST")).isEqualTo(EnvelopeProfile.HYBRID);
        assertThat(sealed.profile()).isEqualTo(EnvelopeProfile.HYBRID);
        assertThat(EnvelopeProfile.of(sealed.envelope())).isEqualTo(EnvelopeProfile.HYBRID);
        OpenedEnvelope opened = opener().open(sealed.envelope(), List.of(euWest, euWestKem));
        assertThat(opened.content()).as("sealed exactly as given").isEqualTo(json);
        assertThat(opened.signer()).isEqualTo(agency.certificate());
        assertThat(MarkingsLabel.matches(opened.label().orElseThrow(), NoticeJson.read(json).markings())).isTrue();
        for (KeyCredential alone : List.of(euWest, euWestKem)) {
            assertThatThrownBy(() -> opener().open(sealed.envelope(), List.of(alone)))
                    .isInstanceOf(EnvelopeException.class)
                    .satisfies(e -> assertThat(((EnvelopeException) e).reason()).isEqualTo(EnvelopeException.Reason.NOT_A_RECIPIENT));
        }
    }

    @Test
    void sealWhenHybridThenTheAgencyOpensItsOwnEnvelopeWithItsEcAndMlKemKeys() {
        AgencySealer sealer = new AgencySealer(agency, agencyPq, List.of(euWest.certificate(), euWestKem.certificate()),
                SealingProfile.HYBRID);
        byte[] json = TestNotices.notice().bytes();

        SealedNotice sealed = sealer.seal(json);

        assertThat(opener().open(sealed.envelope(), List.of(agency, agencyPq.mlKem())).content()).isEqualTo(json);
    }

    @Test
    void sealWhenAutoAndRegionWithoutMlKemCertificateThenClassicalThatOpenSslCanRead() {
        AgencySealer sealer = new AgencySealer(agency, agencyPq,
                List.of(euWest.certificate(), euWestKem.certificate(), med.certificate()), SealingProfile.AUTO);

        SealedNotice sealed = sealer.seal(TestNotices.notice().region("MED").bytes());

        assertThat(sealer.profiles()).containsEntry("EU-WEST", EnvelopeProfile.HYBRID).containsEntry("MED", EnvelopeProfile.CLASSICAL);
        assertThat(sealed.profile()).isEqualTo(EnvelopeProfile.CLASSICAL);
        assertThat(EnvelopeProfile.of(sealed.envelope())).isEqualTo(EnvelopeProfile.CLASSICAL);
        new EnvelopeOpener(pki.root.certificate(), 1 << 20, EnvelopeOpener.Originator.MUST_BE_RECIPIENT)
                .open(sealed.envelope(), List.of(med));
    }

    @Test
    void sealWhenClassicalForcedThenClassicalEvenWithEveryHybridKey() {
        AgencySealer sealer = new AgencySealer(agency, agencyPq, List.of(euWest.certificate(), euWestKem.certificate()),
                SealingProfile.CLASSICAL);

        SealedNotice sealed = sealer.seal(TestNotices.notice().bytes());

        assertThat(sealer.profileFor("EU-WEST")).isEqualTo(EnvelopeProfile.CLASSICAL);
        assertThat(EnvelopeProfile.of(sealed.envelope())).isEqualTo(EnvelopeProfile.CLASSICAL);
    }

    @Test
    void constructorWhenClassicalSealerGivenMlKemCertificatesThenThoseAreLeftAsideAndItSealsClassical() {
        AgencySealer sealer = new AgencySealer(agency, List.of(euWest.certificate(), euWestKem.certificate()));

        assertThat(sealer.profileFor("EU-WEST")).isEqualTo(EnvelopeProfile.CLASSICAL);
        assertThat(sealer.seal(TestNotices.notice().bytes()).profile()).isEqualTo(EnvelopeProfile.CLASSICAL);
    }

    @Test
    void constructorWhenHybridRequiredAndRegionLacksMlKemCertificateThenRefusedNamingTheRegion() {
        assertThatThrownBy(() -> new AgencySealer(agency, agencyPq,
                List.of(euWest.certificate(), euWestKem.certificate(), med.certificate()), SealingProfile.HYBRID))
                .isInstanceOf(UntrustedCertificateException.class)
                .hasMessageContaining("ML-KEM-768 recipient certificate of region MED").hasMessageContaining("given for: EU-WEST");
    }

    @Test
    void constructorWhenHybridRequiredWithoutPostQuantumKeysThenRefusedNamingThem() {
        assertThatThrownBy(() -> new AgencySealer(agency, null, List.of(euWest.certificate(), euWestKem.certificate()),
                SealingProfile.HYBRID))
                .isInstanceOf(UntrustedCertificateException.class)
                .hasMessageContaining("post-quantum keys (ML-DSA-65 and ML-KEM-768)");
    }

    @Test
    void constructorWhenMlKemCertificateChainsToAnotherMlDsaRootThenUntrusted() {
        KeyCredential foreign = new TestPki().regionKem("EU-WEST");

        assertThatThrownBy(() -> new AgencySealer(agency, agencyPq, List.of(euWest.certificate(), foreign.certificate()),
                SealingProfile.AUTO))
                .isInstanceOf(UntrustedCertificateException.class)
                .hasMessageContaining("ML-KEM-768 certificate of region EU-WEST is not issued by the exchange's ML-DSA-65 CA");
    }

    @Test
    void constructorWhenMlKemCertificateIssuedByTheEcHierarchyThenUntrusted() {
        KeyPair kem = Keys.generateMlKem768();
        var crossed = pki.issuing.issueRegionKemCertificate("EU-WEST", kem.getPublic(), Duration.ofDays(1));

        assertThatThrownBy(() -> new AgencySealer(agency, agencyPq, List.of(euWest.certificate(), crossed), SealingProfile.AUTO))
                .isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("not issued by the exchange's ML-DSA-65 CA");
    }

    @Test
    void constructorWhenTwoMlKemCertificatesForOneRegionThenUntrusted() {
        assertThatThrownBy(() -> new AgencySealer(agency, agencyPq,
                List.of(euWest.certificate(), euWestKem.certificate(), pki.regionKem("EU-WEST").certificate()), SealingProfile.AUTO))
                .isInstanceOf(UntrustedCertificateException.class)
                .hasMessageContaining("two different ML-KEM-768 recipient certificates for region EU-WEST");
    }

    @Test
    void constructorWhenPostQuantumKeysOfAnotherAgencyThenUntrusted() {
        assertThatThrownBy(() -> new AgencySealer(agency, pki.agencyPostQuantum("FR-DGPN"), List.of(euWest.certificate()),
                SealingProfile.AUTO))
                .isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("is for FR-DGPN");
    }

    @Test
    void sealWhenOnlyTheMlKemCertificateOfTheRegionThenUnsealableSayingTheEcdhOneIsMissing() {
        AgencySealer sealer = new AgencySealer(agency, agencyPq, List.of(euWest.certificate(), pki.regionKem("MED").certificate()),
                SealingProfile.AUTO);

        assertThatThrownBy(() -> sealer.seal(TestNotices.notice().region("MED").bytes()))
                .isInstanceOf(UnsealableNoticeException.class).hasMessageContaining("only its ML-KEM-768 one was given");
    }
}
