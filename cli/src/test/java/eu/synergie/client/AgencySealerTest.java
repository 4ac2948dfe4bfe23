package eu.synergie.client;

import eu.synergie.core.envelope.MarkingsLabel;
import eu.synergie.core.notice.NoticeJson;
import eu.synergie.crypto.envelope.EnvelopeOpener;
import eu.synergie.crypto.envelope.OpenedEnvelope;
import eu.synergie.crypto.pki.KeyCredential;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgencySealerTest {

    private final TestPki pki = new TestPki();
    private final KeyCredential euWest = pki.region("EU-WEST");
    private final KeyCredential agency = pki.agency("BE-PJF");

    @Test
    void sealWhenValidNoticeThenRegionAndAgencyCanOpenItWithTheMarkingsLabel() {
        AgencySealer sealer = new AgencySealer(agency, List.of(euWest.certificate()));
        UUID id = UUID.randomUUID();
        byte[] json = TestNotices.notice().id(id).bytes();

        SealedNotice sealed = sealer.seal(json);

        assertThat(sealed.noticeId()).isEqualTo(id);
        assertThat(sealed.region()).isEqualTo("EU-WEST");
        // As the exchange opens it: the agency's own certificate must be among the recipients.
        EnvelopeOpener opener = new EnvelopeOpener(pki.root.certificate(), 1 << 20, EnvelopeOpener.Originator.MUST_BE_RECIPIENT);
        for (KeyCredential recipient : List.of(euWest, agency)) {
            OpenedEnvelope opened = opener.open(sealed.envelope(), List.of(recipient));
            assertThat(opened.content()).as("sealed exactly as given").isEqualTo(json);
            assertThat(MarkingsLabel.matches(opened.label().orElseThrow(), NoticeJson.read(json).markings())).isTrue();
        }
    }

    @Test
    void sealWhenNoticeBreaksTheSchemaThenUnsealableNamingTheField() {
        AgencySealer sealer = new AgencySealer(agency, List.of(euWest.certificate()));

        assertThatThrownBy(() -> sealer.seal(TestNotices.notice().json().replace("RESTRICTED", "TOP").getBytes()))
                .isInstanceOf(UnsealableNoticeException.class).hasMessageContaining("classification");
        assertThatThrownBy(() -> sealer.seal("{\"noticeId\":".getBytes()))
                .isInstanceOf(UnsealableNoticeException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void sealWhenAnotherOriginatorThenUnsealable() {
        AgencySealer sealer = new AgencySealer(agency, List.of(euWest.certificate()));

        assertThatThrownBy(() -> sealer.seal(TestNotices.notice().agency("FR-DGPN").bytes()))
                .isInstanceOf(UnsealableNoticeException.class).hasMessageContaining("originAgency is FR-DGPN");
    }

    @Test
    void sealWhenRegionCertificateMissingThenUnsealableNamingTheRegion() {
        AgencySealer sealer = new AgencySealer(agency, List.of(euWest.certificate()));

        assertThatThrownBy(() -> sealer.seal(TestNotices.notice().region("MED").bytes()))
                .isInstanceOf(UnsealableNoticeException.class).hasMessageContaining("region MED").hasMessageContaining("EU-WEST");
    }

    @Test
    void constructorWhenRegionCertificateFromAnotherCaThenUntrusted() {
        KeyCredential foreign = new TestPki().region("EU-WEST");

        assertThatThrownBy(() -> new AgencySealer(agency, List.of(foreign.certificate())))
                .isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("not issued by the exchange CA");
    }

    @Test
    void requireAgencyCertificateWhenAnotherAgencysOrAnotherCasThenUntrusted() {
        KeyCredential requester = pki.agency("FR-DGPN");
        AgencySealer.requireAgencyCertificate(requester.certificate(), "FR-DGPN", agency.chain());

        assertThatThrownBy(() -> AgencySealer.requireAgencyCertificate(requester.certificate(), "DE-BKA", agency.chain()))
                .isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("FR-DGPN's, not DE-BKA's");
        assertThatThrownBy(() -> AgencySealer.requireAgencyCertificate(new TestPki().agency("FR-DGPN").certificate(),
                "FR-DGPN", agency.chain())).isInstanceOf(UntrustedCertificateException.class)
                .hasMessageContaining("not issued by the exchange CA");
        assertThatThrownBy(() -> AgencySealer.requireAgencyCertificate(euWest.certificate(), "FR-DGPN", agency.chain()))
                .isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("not an agency certificate");
    }

    @Test
    void constructorWhenAgencyCertificateGivenAsRegionThenUntrusted() {
        assertThatThrownBy(() -> new AgencySealer(agency, List.of(pki.agency("FR-DGPN").certificate())))
                .isInstanceOf(UntrustedCertificateException.class).hasMessageContaining("not a region recipient certificate");
    }
}
