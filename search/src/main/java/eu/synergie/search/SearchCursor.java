package eu.synergie.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import eu.synergie.core.index.InvalidCursorException;
import eu.synergie.core.index.NoticeFilters;
import eu.synergie.core.index.NoticeQuery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The opaque cursor of deep paging: the sort values of the last hit of a page (Elasticsearch's
 * {@code search_after}) and a fingerprint of the query, so that a cursor handed to another query is
 * refused rather than silently skipping results. It holds no access information: every page is
 * filtered for its caller again.
 */
final class SearchCursor {

    private static final String VERSION = "c1";

    private SearchCursor() {
    }

    static String encode(NoticeQuery query, List<FieldValue> lastSortValues) {
        StringBuilder s = new StringBuilder(VERSION).append('\n').append(fingerprint(query));
        for (FieldValue v : lastSortValues) {
            s.append('\n');
            if (v.isDouble()) {
                s.append("d:").append(v.doubleValue());
            } else if (v.isLong()) {
                s.append("l:").append(v.longValue());
            } else if (v.isString()) {
                s.append("s:").append(v.stringValue());
            } else {
                throw new IllegalStateException("unexpected sort value kind " + v._kind());
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    static List<FieldValue> decode(NoticeQuery query, int expectedValues) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(query.cursor()), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("cursor is malformed");
        }
        if (parts.length != expectedValues + 2 || !parts[0].equals(VERSION)) {
            throw new InvalidCursorException("cursor is malformed");
        }
        if (!parts[1].equals(fingerprint(query))) {
            throw new InvalidCursorException("cursor belongs to another query: repeat the same q, filters and sort");
        }
        List<FieldValue> values = new ArrayList<>();
        try {
            for (int i = 2; i < parts.length; i++) {
                String value = parts[i].substring(2);
                values.add(switch (parts[i].substring(0, 2)) {
                    case "d:" -> FieldValue.of(Double.parseDouble(value));
                    case "l:" -> FieldValue.of(Long.parseLong(value));
                    case "s:" -> FieldValue.of(value);
                    default -> throw new InvalidCursorException("cursor is malformed");
                });
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new InvalidCursorException("cursor is malformed");
        }
        return values;
    }

    /** Stable across instances and restarts: sets are sorted, nothing depends on hash order. */
    private static String fingerprint(NoticeQuery query) {
        NoticeFilters f = query.filters();
        String canonical = String.join("\u0001", query.text(), String.valueOf(query.expand()), query.sort().name(), sorted(f.types()), sorted(f.agencies()),
                sorted(f.regions()), sorted(f.classifications()), sorted(f.tlps()), sorted(f.handlingCodes()),
                Objects.toString(f.issuedFrom()), Objects.toString(f.issuedTo()), Objects.toString(f.entityKind()),
                Objects.toString(f.entityValue()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String sorted(java.util.Set<?> values) {
        return values.stream().map(String::valueOf).sorted().collect(Collectors.joining(","));
    }
}
