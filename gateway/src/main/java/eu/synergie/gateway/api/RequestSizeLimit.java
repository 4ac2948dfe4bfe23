package eu.synergie.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Bounds every request body: a body announced larger than its limit is refused before a byte is read,
 * and a body sent without a length (chunked) is cut off as soon as it passes the limit. Either way the
 * reader gets a {@link PayloadTooLargeException}, which {@link ApiProblems} answers with 413, so no
 * oversized body is ever held in memory.
 *
 * <p>Limits: a single envelope ({@code POST /api/v1/notices}) {@code synergie.max-envelope-bytes}; a batch
 * {@code synergie.limits.batch-bytes}; anything else {@code synergie.limits.request-bytes}.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

    private final long envelopeBytes;
    private final long batchBytes;
    private final long requestBytes;

    RequestSizeLimit(long envelopeBytes, long batchBytes, long requestBytes) {
        this.envelopeBytes = envelopeBytes;
        this.batchBytes = batchBytes;
        this.requestBytes = requestBytes;
    }

    long limitOf(String method, String path) {
        if ("POST".equals(method) && "/api/v1/notices".equals(path)) {
            return envelopeBytes;
        }
        if ("POST".equals(method) && "/api/v1/notices/batch".equals(path)) {
            return batchBytes;
        }
        return requestBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new Bounded(request, limitOf(request.getMethod(), request.getRequestURI())), response);
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedStream(super.getInputStream(), limit, getContentLengthLong() > limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** Counts what is read and throws once the count passes the limit. */
    static final class BoundedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final boolean announcedTooLarge;
        private long read;

        BoundedStream(ServletInputStream in, long limit, boolean announcedTooLarge) {
            this.in = in;
            this.limit = limit;
            this.announcedTooLarge = announcedTooLarge;
        }

        @Override
        public int read() throws IOException {
            check(0);
            int b = in.read();
            if (b >= 0) {
                check(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check(0);
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                check(n);
            }
            return n;
        }

        private void check(int more) {
            read += more;
            if (announcedTooLarge || read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
