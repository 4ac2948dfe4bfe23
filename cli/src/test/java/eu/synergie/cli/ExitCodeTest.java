package eu.synergie.cli;

import eu.synergie.cli.config.ConfigException;
import eu.synergie.cli.push.PushReport;
import eu.synergie.client.AuthenticationException;
import eu.synergie.client.ExchangeUnavailableException;
import eu.synergie.client.UnsealableNoticeException;
import eu.synergie.client.UntrustedCertificateException;
import eu.synergie.crypto.envelope.EnvelopeException;
import eu.synergie.client.TestPki;
import eu.synergie.crypto.envelope.EnvelopeOpener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ExitCodeTest {

    @Test
    void codesWhenDocumentedThenZeroToFourInOrder() {
        assertThat(ExitCode.helpList().keySet()).containsExactly("0", "1", "2", "3", "4");
        assertThat(ExitCode.OK.code()).isZero();
        assertThat(ExitCode.USAGE.code()).isEqualTo(1);
        assertThat(ExitCode.PARTIAL.code()).isEqualTo(2);
        assertThat(ExitCode.AUTH.code()).isEqualTo(3);
        assertThat(ExitCode.TRUST.code()).isEqualTo(4);
    }

    @Test
    void ofWhenPushStatusThenItsExitCode() {
        assertThat(ExitCode.of(PushReport.Status.COMPLETE)).isEqualTo(ExitCode.OK);
        assertThat(ExitCode.of(PushReport.Status.PARTIAL)).isEqualTo(ExitCode.PARTIAL);
        assertThat(ExitCode.of(PushReport.Status.AUTHENTICATION)).isEqualTo(ExitCode.AUTH);
        assertThat(ExitCode.of(PushReport.Status.TRUST)).isEqualTo(ExitCode.TRUST);
    }

    @Test
    void exitCodeOfWhenCommandFailsThenByKindOfFailure() {
        assertThat(SynergieCli.exitCodeOf(new ConfigException("push needs server"))).isEqualTo(ExitCode.USAGE);
        assertThat(SynergieCli.exitCodeOf(new UnsealableNoticeException("tlp must be …"))).isEqualTo(ExitCode.USAGE);
        assertThat(SynergieCli.exitCodeOf(new AuthenticationException("401"))).isEqualTo(ExitCode.AUTH);
        assertThat(SynergieCli.exitCodeOf(new UntrustedCertificateException("foreign CA", null))).isEqualTo(ExitCode.TRUST);
        EnvelopeException malformed = catchThrowableOfType(EnvelopeException.class,
                () -> new EnvelopeOpener(new TestPki().root.certificate()).open(new byte[] {1, 2, 3}, List.of()));
        assertThat(SynergieCli.exitCodeOf(malformed)).isEqualTo(ExitCode.TRUST);
        assertThat(SynergieCli.exitCodeOf(new ExchangeUnavailableException("503", null))).isEqualTo(ExitCode.PARTIAL);
        assertThat(SynergieCli.exitCodeOf(new CliFailure(ExitCode.TRUST, "no region certificate"))).isEqualTo(ExitCode.TRUST);
        assertThat(SynergieCli.exitCodeOf(new IllegalStateException("bug"))).isEqualTo(ExitCode.USAGE);
    }
}
