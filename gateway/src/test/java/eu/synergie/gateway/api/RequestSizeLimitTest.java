package eu.synergie.gateway.api;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestSizeLimitTest {

    private final RequestSizeLimit filter = new RequestSizeLimit(1000, 5000, 100);

    @Test
    void limitOfWhenPublishingThenEnvelopeOrBatchLimitElseTheGeneralOne() {
        assertThat(filter.limitOf("POST", "/api/v1/notices")).isEqualTo(1000);
        assertThat(filter.limitOf("POST", "/api/v1/notices/batch")).isEqualTo(5000);
        assertThat(filter.limitOf("POST", "/api/v1/trust/agencies")).isEqualTo(100);
        assertThat(filter.limitOf("GET", "/api/v1/notices")).isEqualTo(100);
    }

    @Test
    void readWhenBodyIsAtTheLimitThenAllOfItIsRead() throws IOException {
        var stream = new RequestSizeLimit.BoundedStream(body(100), 100, false);
        assertThat(stream.readAllBytes()).hasSize(100);
    }

    @Test
    void readWhenUnannouncedBodyPassesTheLimitThenRefusedWithoutReadingTheRest() {
        var stream = new RequestSizeLimit.BoundedStream(body(10_000), 100, false);
        assertThatThrownBy(stream::readAllBytes).isInstanceOfSatisfying(PayloadTooLargeException.class,
                e -> assertThat(e.facts()).containsEntry("limit", 100L));
    }

    @Test
    void readWhenAnnouncedLengthIsOverTheLimitThenRefusedAtTheFirstByte() {
        var stream = new RequestSizeLimit.BoundedStream(body(10), 100, true);
        assertThatThrownBy(stream::read).isInstanceOf(PayloadTooLargeException.class);
    }

    private static ServletInputStream body(int size) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(new byte[size]);
        return new ServletInputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return bytes.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
