package eu.synergie.bench;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pushes one feed batch to {@code POST /api/v1/notices/batch} the way a streaming feed client does:
 * the request body is written while the status lines are read, on a plain socket, so that each line's
 * arrival time is when the gateway settled that envelope, not when the whole body had been sent (the
 * JDK's HTTP client reads an HTTP/1.1 response only after sending the request).
 */
final class FeedPusher {

    /** The envelopes of one agency's request: the NDJSON body and which notice each line carries. */
    record Batch(BenchAgency agency, int[] notices, byte[] body) {
    }

    /** What the gateway answered for a batch. */
    record Outcome(int accepted, int refused, List<String> firstRefusals) {
    }

    /** Told as each {@code 202} line arrives. */
    interface AcceptedListener {
        void accepted(int notice, long atNanos);
    }

    private static final int WRITE_SLICE = 64 * 1024;

    private final int port;

    FeedPusher(int port) {
        this.port = port;
    }

    Outcome push(Batch batch, String bearer, AcceptedListener listener) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            AtomicReference<Object> result = new AtomicReference<>();
            Thread reader = Thread.ofPlatform().name("bench-push-reader").start(() -> {
                try {
                    result.set(read(socket.getInputStream(), batch, listener));
                } catch (IOException | RuntimeException e) {
                    result.set(e);
                }
            });
            OutputStream out = socket.getOutputStream();
            String head = "POST /api/v1/notices/batch HTTP/1.1\r\n"
                    + "Host: localhost:" + port + "\r\n"
                    + "Authorization: Bearer " + bearer + "\r\n"
                    + "Content-Type: application/x-ndjson\r\n"
                    + "Accept: application/x-ndjson\r\n"
                    + "Content-Length: " + batch.body().length + "\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int offset = 0; offset < batch.body().length; offset += WRITE_SLICE) {
                out.write(batch.body(), offset, Math.min(WRITE_SLICE, batch.body().length - offset));
            }
            out.flush();
            reader.join();
            return switch (result.get()) {
                case Outcome outcome -> outcome;
                case IOException e -> throw new UncheckedIOException("reading the batch answer failed", e);
                case RuntimeException e -> throw e;
                default -> throw new IllegalStateException("no answer to the batch");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway did not take the batch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Outcome read(InputStream raw, Batch batch, AcceptedListener listener) throws IOException {
        InputStream in = new BufferedInputStream(raw, 64 * 1024);
        String status = headerLine(in);
        boolean chunked = false;
        long length = -1;
        for (String header = headerLine(in); !header.isEmpty(); header = headerLine(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring("content-length:".length()).trim());
            }
        }
        InputStream body = chunked ? new ChunkedInput(in) : length >= 0 ? new BoundedInput(in, length) : in;
        if (!status.contains(" 200")) {
            throw new IllegalStateException("batch refused: " + status + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
        int accepted = 0;
        int refused = 0;
        List<String> refusals = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            long now = System.nanoTime();
            if (line.isBlank()) {
                continue;
            }
            if (line.contains("\"status\":202")) {
                accepted++;
                int number = intAfter(line, "\"line\":");
                listener.accepted(batch.notices()[number - 1], now);
            } else {
                refused++;
                if (refusals.size() < 5) {
                    refusals.add(line);
                }
            }
        }
        return new Outcome(accepted, refused, refusals);
    }

    private static int intAfter(String line, String key) {
        int at = line.indexOf(key) + key.length();
        int end = at;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        return Integer.parseInt(line, at, end, 10);
    }

    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** The body of a {@code Transfer-Encoding: chunked} response (RFC 9112, section 7.1), trailers ignored. */
    private static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = headerLine(in);
                if (size.isEmpty()) {
                    size = headerLine(in);
                }
                int extension = size.indexOf(';');
                left = Long.parseLong((extension >= 0 ? size.substring(0, extension) : size).trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read == -1) {
                done = true;
                return -1;
            }
            left -= read;
            return read;
        }
    }

    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            left--;
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }
    }
}
