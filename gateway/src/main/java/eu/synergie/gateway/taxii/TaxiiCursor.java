package eu.synergie.gateway.taxii;

import eu.synergie.core.index.FeedQuery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a collection ended, as the opaque {@code next} of TAXII 2.1 §3.4: the position of the last notice
 * whose objects were all handed out (the feed continues after it), and, when a page ended inside a notice, that notice
 * and how many of its objects were already passed over. Positions, never offsets: notices that arrive meanwhile come
 * after (they are verified later), so nothing repeats and nothing is skipped. It holds no access information (every
 * page is read within its caller's scope again) and carries the fingerprint of the read it belongs to.
 *
 * @param after   the feed position to continue after, or null from the start
 * @param partial the notice the previous page ended inside, or null
 * @param skip    how many of {@code partial}'s objects were passed over (returned or filtered out)
 */
record TaxiiCursor(String fingerprint, FeedQuery.Position after, UUID partial, int skip) {

    private static final String VERSION = "t1";

    TaxiiCursor {
        if ((partial == null) != (skip == 0) || skip < 0) {
            throw new IllegalArgumentException("a cursor skips objects of a partial notice only");
        }
    }

    /** The start of a read. */
    static TaxiiCursor start(String fingerprint) {
        return new TaxiiCursor(fingerprint, null, null, 0);
    }

    String encode() {
        String text = String.join("\n", VERSION, fingerprint,
                after == null ? "-" : Long.toString(after.addedAt().toEpochMilli()),
                after == null ? "-" : after.noticeId().toString(),
                partial == null ? "-" : partial.toString(), Integer.toString(skip));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a {@code next} stands for, checked against the read it is presented with.
     *
     * @throws TaxiiException 400 when it is not one of ours or belongs to another read (other collection or filters)
     */
    static TaxiiCursor decode(String next, String fingerprint) {
        if (next == null) {
            return start(fingerprint);
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length != 6 || !parts[0].equals(VERSION)) {
            throw invalid();
        }
        if (!parts[1].equals(fingerprint)) {
            throw TaxiiException.badRequest("next belongs to another read: repeat the collection and the same filters");
        }
        try {
            FeedQuery.Position after = parts[2].equals("-") && parts[3].equals("-") ? null
                    : new FeedQuery.Position(Instant.ofEpochMilli(Long.parseLong(parts[2])), UUID.fromString(parts[3]));
            UUID partial = parts[4].equals("-") ? null : UUID.fromString(parts[4]);
            return new TaxiiCursor(fingerprint, after, partial, Integer.parseInt(parts[5]));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw invalid();
        }
    }

    private static TaxiiException invalid() {
        return TaxiiException.badRequest("next is not a position this server handed out");
    }
}
