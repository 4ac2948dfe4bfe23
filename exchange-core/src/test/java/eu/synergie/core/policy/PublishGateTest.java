package eu.synergie.core.policy;

import eu.synergie.core.envelope.EnvelopeRejectedException;
import eu.synergie.core.envelope.NoticeOpener;
import eu.synergie.core.envelope.OpenedNotice;
import eu.synergie.core.envelope.RejectionReason;
import eu.synergie.core.envelope.TestExchange;
import eu.synergie.core.trust.RevocationReason;
import eu.synergie.core.trust.TrustRegistry;
import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.pki.KeyCredential;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

class PublishGateTest {

    private final TestExchange exchange = new TestExchange();
    private final KeyCredential dgpn = exchange.agency("FR-DGPN");
    private final Caller feed = new Caller("service-account-feed-fr-dgpn", "FR-DGPN", Set.of("EU-WEST", "EU-CENTRAL"), null,
            EnumSet.of(Role.AGENCY_FEED));

    @Test
    void admitWhenSignerUnknownThenTrustCaughtUpOnceBeforeRefusing() {
        int[] catchUps = {0};
        PublishGate gate = new PublishGate(new AccessPolicy(), new TrustRegistry(), () -> catchUps[0]++, Clock.systemUTC());
        OpenedNotice opened = open(dgpn, "FR-DGPN");
        assertThat(refusal(() -> gate.admit(feed, opened))).isEqualTo(RejectionReason.UNKNOWN_SIGNER);
        assertThat(catchUps[0]).isEqualTo(1);
    }

    @Test
    void admitLoggedWhenTheSameBytesWereOpenedOnPublishThenTheRememberedOpeningIsNoPass() {
        NoticeOpener opener = exchange.opener();
        byte[] envelope = exchange.seal(TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-WEST"), dgpn, "EU-WEST");
        exchange.gate().admit(feed, opener.open(envelope));
        exchange.trust.revoke(TrustRegistry.serialOf(dgpn.certificate()), RevocationReason.KEY_COMPROMISE, null, "admin");

        OpenedNotice reopened = opener.openLogged(envelope);
        assertThat(refusal(() -> exchange.gate().admitLogged(reopened, Instant.now().plusSeconds(1))))
                .isEqualTo(RejectionReason.CERTIFICATE_REVOKED);
        Instant registered = exchange.registry.agency("FR-DGPN").orElseThrow().history().getFirst().from();
        assertThatCode(() -> exchange.gate().admitLogged(reopened, registered))
                .as("appended before the revocation").doesNotThrowAnyException();
    }

    @Test
    void admitWhenSignerIsNotTheOriginatorThenRefusedAtTheGatewayAndInTheIndexerAlike() {
        OpenedNotice opened = open(dgpn, "BE-PJF");
        Caller pjf = new Caller("service-account-feed-be-pjf", "BE-PJF", Set.of("EU-WEST"), null, EnumSet.of(Role.AGENCY_FEED));
        assertThat(refusal(() -> exchange.gate().admit(pjf, opened))).isEqualTo(RejectionReason.SIGNER_NOT_ORIGINATOR);
        assertThat(refusal(() -> exchange.gate().admitLogged(opened, Instant.now()))).isEqualTo(RejectionReason.SIGNER_NOT_ORIGINATOR);
    }

    @Test
    void admitWhenTheTokenLacksTheRegionThenOnlyTheGatewayRefuses() {
        OpenedNotice opened = open(dgpn, "FR-DGPN");
        Caller westless = new Caller("feed", "FR-DGPN", Set.of("EU-CENTRAL"), null, EnumSet.of(Role.AGENCY_FEED));
        assertThat(refusal(() -> exchange.gate().admit(westless, opened))).isEqualTo(RejectionReason.PUBLISH_NOT_PERMITTED);
        assertThatCode(() -> exchange.gate().admitLogged(opened, Instant.now())).doesNotThrowAnyException();
    }

    /** The reason {@code admission} is refused with; fails the test when it is not refused. */
    private static RejectionReason refusal(ThrowingCallable admission) {
        Throwable thrown = catchThrowable(admission);
        assertThat(thrown).isInstanceOf(EnvelopeRejectedException.class);
        return ((EnvelopeRejectedException) thrown).reason();
    }

    private OpenedNotice open(KeyCredential signer, String originAgency) {
        return exchange.opener().open(exchange.seal(TestExchange.notice(UUID.randomUUID(), originAgency, "EU-WEST"), signer, "EU-WEST"));
    }

    @Test
    void admitWhenRegionHybridSinceBeforeTheAppendThenClassicalRefusedAndHybridAdmitted() {
        Instant switchAt = Instant.now().plusSeconds(120);
        exchange.trust.chooseRegionProfile("EU-WEST", EnvelopeProfile.HYBRID, switchAt, "admin");
        var bka = exchange.hybridAgency("FR-OCRTIS");
        Caller ocrtis = new Caller("service-account-feed-fr-ocrtis", "FR-OCRTIS", Set.of("EU-WEST"), null, EnumSet.of(Role.AGENCY_FEED));
        OpenedNotice classical = open(dgpn, "FR-DGPN");
        OpenedNotice hybrid = exchange.opener().open(exchange.sealHybrid(
                TestExchange.notice(UUID.randomUUID(), "FR-OCRTIS", "EU-WEST"), bka, "EU-WEST"));

        assertThatCode(() -> exchange.gate().admitLogged(classical, switchAt.minusMillis(1)))
                .as("appended before the switch").doesNotThrowAnyException();
        assertThat(refusal(() -> exchange.gate().admitLogged(classical, switchAt))).isEqualTo(RejectionReason.HYBRID_REQUIRED);
        assertThatCode(() -> exchange.gate().admitLogged(hybrid, switchAt)).doesNotThrowAnyException();
        assertThatCode(() -> exchange.gate().admit(ocrtis, hybrid)).doesNotThrowAnyException();
        OpenedNotice central = exchange.opener().open(exchange.seal(
                TestExchange.notice(UUID.randomUUID(), "FR-DGPN", "EU-CENTRAL"), dgpn, "EU-CENTRAL"));
        assertThatCode(() -> exchange.gate().admitLogged(central, switchAt)).as("another region stays classical")
                .doesNotThrowAnyException();
    }

    @Test
    void admitWhenTheMlDsaCertificateIsRevokedThenRefusedAsRevoked() {
        var bka = exchange.hybridAgency("DE-BKA");
        OpenedNotice hybrid = exchange.opener().open(exchange.sealHybrid(
                TestExchange.notice(UUID.randomUUID(), "DE-BKA", "EU-WEST"), bka, "EU-WEST"));
        exchange.trust.revoke(TrustRegistry.serialOf(bka.mlDsa().certificate()), RevocationReason.KEY_COMPROMISE, null, "admin");

        Throwable refused = catchThrowable(() -> exchange.gate().admitLogged(hybrid, Instant.now().plusSeconds(1)));

        assertThat(refused).isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(RejectionReason.CERTIFICATE_REVOKED);
            assertThat(e.getMessage()).startsWith("ML-DSA signer: ");
        });
    }
}
