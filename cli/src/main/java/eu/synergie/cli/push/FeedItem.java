package eu.synergie.cli.push;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One notice of a feed as read, before any check: its place in the feed (for reports) and its bytes.
 *
 * @param sequence its order in the feed, from 1
 * @param location where a person finds it: {@code line 42} or {@code file 0042.json}
 * @param problem  why it could not even be read as one notice (too long, unreadable), or null
 */
public record FeedItem(long sequence, String location, byte[] bytes, String problem) {

    public FeedItem {
        Objects.requireNonNull(location, "location");
        bytes = bytes == null ? new byte[0] : bytes;
    }

    static FeedItem of(long sequence, String location, byte[] bytes) {
        return new FeedItem(sequence, location, bytes, null);
    }

    static FeedItem unreadable(long sequence, String location, String problem) {
        return new FeedItem(sequence, location, new byte[0], problem);
    }

    /**
     * What the resume file remembers: the first 128 bits of the SHA-256 of the notice's bytes, so a
     * notice changed since it was acknowledged is sent again and an unchanged one is not.
     */
    public String digest() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    // Notice content never goes to a log through toString.
    @Override
    public String toString() {
        return "FeedItem[" + location + ", " + bytes.length + " bytes" + (problem == null ? "" : ", " + problem) + "]";
    }
}
