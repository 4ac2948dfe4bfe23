package eu.synergie.core.audit;

import eu.synergie.crypto.audit.ChainVerification;
import eu.synergie.crypto.audit.ChainVerifier;
import eu.synergie.crypto.audit.ChainWriter;
import eu.synergie.crypto.audit.HashChain;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuditEventJsonTest {

    private static final AuditEvent SEARCH = new AuditEvent(Instant.parse("2026-11-28T10:00:00.123Z"), AuditAction.SEARCH,
            "claire.martin", "FR-DGPN", "PJ-MRS-2026-0412", new AuditEvent.Query("société écran", Map.of("size", "20"), 2),
            List.of("a1", "b2"), List.of(), null, AuditOutcome.SUCCESS);

    @Test
    void fromJsonWhenWrittenThenSameEvent() {
        assertThat(AuditEventJson.fromJson(AuditEventJson.toJson(SEARCH))).isEqualTo(SEARCH);
    }

    @Test
    void readWhenEntryStoredThenStillVerifiesAfterTheRoundTripThroughBytes() {
        ChainWriter writer = new ChainWriter("gateway-test");
        byte[] first = AuditEventJson.write(writer.link(AuditEventJson.toJson(SEARCH)));
        byte[] second = AuditEventJson.write(writer.link(AuditEventJson.toJson(SEARCH)));

        ChainVerifier verifier = new ChainVerifier((content, signature) -> false, Instant.now(), java.time.Duration.ofMinutes(1));
        verifier.accept(0, Instant.now(), AuditEventJson.read(first));
        verifier.accept(1, Instant.now(), AuditEventJson.read(second));

        assertThat(verifier.result()).isEqualTo(new ChainVerification.Intact(2, 1));
        assertThat(AuditEventJson.fromJson(HashChain.eventOf(AuditEventJson.read(second)))).isEqualTo(SEARCH);
    }

    @Test
    void writeThenCanonicalFormWithoutAbsentFields() {
        String json = new String(AuditEventJson.write(AuditEventJson.toJson(new AuditEvent(Instant.parse("2026-11-28T10:00:00Z"),
                AuditAction.ERASURE, "system:retention", null, null, null, List.of("n1"), List.of(), "expired", AuditOutcome.SUCCESS))),
                StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"action\":\"ERASURE\",\"at\":\"2026-11-28T10:00:00Z\",\"change\":\"expired\","
                + "\"noticeIds\":[\"n1\"],\"outcome\":\"SUCCESS\",\"subject\":\"system:retention\"}");
    }

    @Test
    void eventWhenConsultationWithoutPurposeThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditEvent(Instant.now(), AuditAction.OPEN, "claire.martin",
                "FR-DGPN", " ", null, List.of("n1"), List.of(), null, AuditOutcome.SUCCESS)).withMessageContaining("purpose");
    }

    @Test
    void readWhenNotJsonThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEventJson.read("{not json".getBytes(StandardCharsets.UTF_8)));
    }
}
