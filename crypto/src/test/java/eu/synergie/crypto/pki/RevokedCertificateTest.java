package eu.synergie.crypto.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevokedCertificateTest {

    @Test
    void constructWhenReasonCodeSevenThenIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RevokedCertificate(BigInteger.ONE, Instant.now(), 7))
                .withMessage("reasonCode 7 is not an RFC 5280 CRLReason");
    }

    @Test
    void constructWhenReasonCodeOutOfRangeThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RevokedCertificate(BigInteger.ONE, Instant.now(), 11));
        assertThatIllegalArgumentException().isThrownBy(() -> new RevokedCertificate(BigInteger.ONE, Instant.now(), -1));
    }

    @Test
    void constructWhenSerialNotPositiveThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RevokedCertificate(BigInteger.ZERO, Instant.now(), 1));
    }

    @Test
    void constructWhenAacompromiseThenAccepted() {
        assertThat(new RevokedCertificate(BigInteger.ONE, Instant.EPOCH, 10).reasonCode()).isEqualTo(10);
    }
}
