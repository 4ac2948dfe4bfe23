package eu.synergie.gateway.taxii;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The filtering and paging parameters of a TAXII read (TAXII 2.1 §3.4 and §3.5), parsed and checked: a value that does
 * not parse is refused naming the parameter. Lists are comma-separated (the parameter may also be repeated).
 *
 * @param addedAfter   {@code added_after}: only objects added after this instant, or null
 * @param limit        {@code limit}: the most objects to return, already capped at the server's page size
 * @param next         {@code next}: the position a previous page handed out, or null
 * @param ids          {@code match[id]}: STIX ids, or empty for any
 * @param types        {@code match[type]}: STIX types, or empty for any
 * @param versions     {@code match[version]}: {@code first}, {@code last}, {@code all} or timestamps; empty means {@code last}
 * @param specVersions {@code match[spec_version]}: e.g. {@code 2.1}, or empty for the latest (here always 2.1)
 */
record TaxiiFilters(Instant addedAfter, int limit, String next, Set<String> ids, Set<String> types, Set<String> versions,
                    Set<String> specVersions) {

    /** The most values one list parameter may carry: enough for any client, and a bound on the query it becomes. */
    static final int MAX_VALUES = 100;
    private static final Pattern STIX_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern STIX_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");
    private static final Pattern SPEC_VERSION = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}");

    TaxiiFilters {
        ids = Set.copyOf(ids);
        types = Set.copyOf(types);
        versions = Set.copyOf(versions);
        specVersions = Set.copyOf(specVersions);
    }

    /**
     * Reads the query string's parameters; others are ignored, as TAXII asks of servers.
     *
     * @throws TaxiiException 400 naming the parameter whose value does not parse
     */
    static TaxiiFilters parse(Map<String, String[]> parameters, int defaultLimit, int maxLimit) {
        Instant addedAfter = single(parameters, "added_after") == null ? null : timestamp("added_after", single(parameters, "added_after"));
        String limitText = single(parameters, "limit");
        int limit = defaultLimit;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                throw TaxiiException.badRequest("limit must be a positive integer");
            }
            if (limit < 1) {
                throw TaxiiException.badRequest("limit must be a positive integer");
            }
        }
        String next = single(parameters, "next");
        Set<String> ids = list(parameters, "match[id]");
        ids.forEach(id -> check(STIX_ID, "match[id]", id, "a STIX id (type--UUID)"));
        Set<String> types = list(parameters, "match[type]");
        types.forEach(type -> check(STIX_TYPE, "match[type]", type, "a STIX type (e.g. report)"));
        Set<String> versions = list(parameters, "match[version]");
        for (String version : versions) {
            if (!version.equals("first") && !version.equals("last") && !version.equals("all")) {
                timestamp("match[version]", version);
            }
        }
        Set<String> specVersions = list(parameters, "match[spec_version]");
        specVersions.forEach(v -> check(SPEC_VERSION, "match[spec_version]", v, "a version such as 2.1"));
        return new TaxiiFilters(addedAfter, Math.min(limit, maxLimit), next == null || next.isBlank() ? null : next.strip(),
                ids, types, versions, specVersions);
    }

    /**
     * Whether an object the collection holds passes {@code match[id]}, {@code match[type]}, {@code match[spec_version]}
     * and {@code match[version]}. A collection holds one version of each notice's objects (the index keeps the notice's
     * latest version), which is thus its first, its last and all of them; a timestamp matches the object's version
     * ({@code modified}, else {@code created}, else its date added).
     */
    boolean matches(JsonNode object, String version) {
        String id = object.path("id").asString("");
        if (!ids.isEmpty() && !ids.contains(id)) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(object.path("type").asString(""))) {
            return false;
        }
        if (!specVersions.isEmpty() && !specVersions.contains(specVersionOf(object))) {
            return false;
        }
        return versionMatches(version);
    }

    /** {@code match[version]} alone, for the version of an object found by id. */
    boolean versionMatches(String version) {
        if (versions.isEmpty() || versions.contains("last") || versions.contains("first") || versions.contains("all")) {
            return true;
        }
        Instant held;
        try {
            held = Instant.parse(version);
        } catch (DateTimeParseException e) {
            return false;
        }
        return versions.stream().map(Instant::parse).anyMatch(held::equals);
    }

    /** {@code match[spec_version]} alone. */
    boolean specVersionMatches(JsonNode object) {
        return specVersions.isEmpty() || specVersions.contains(specVersionOf(object));
    }

    /** Whether {@code value} has the form of a STIX id ({@code type--UUID}). */
    static boolean isStixId(String value) {
        return value != null && STIX_ID.matcher(value).matches();
    }

    /** STIX 2.1 objects carry {@code spec_version}; an observable may leave it out, and is then 2.1 too. */
    static String specVersionOf(JsonNode object) {
        return object.path("spec_version").asString("2.1");
    }

    /**
     * A digest of what selects the objects (the read, the collection and every filter, not the limit), carried in a
     * {@code next} so that a position handed out for one read is refused for another rather than skip or repeat objects.
     */
    String fingerprint(String read, TaxiiCollection collection) {
        String canonical = String.join("\u0001", read, collection.id().toString(), Objects.toString(addedAfter),
                sorted(ids), sorted(types), sorted(versions), sorted(specVersions));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The parameters as the audit records them. */
    Map<String, String> audited() {
        Map<String, String> audited = new TreeMap<>();
        audited.put("limit", String.valueOf(limit));
        if (addedAfter != null) {
            audited.put("added_after", addedAfter.toString());
        }
        if (next != null) {
            audited.put("page", "continued");
        }
        put(audited, "match[id]", ids);
        put(audited, "match[type]", types);
        put(audited, "match[version]", versions);
        put(audited, "match[spec_version]", specVersions);
        return audited;
    }

    private static void put(Map<String, String> audited, String name, Set<String> values) {
        if (!values.isEmpty()) {
            audited.put(name, sorted(values));
        }
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(","));
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (Arrays.stream(values).distinct().count() > 1) {
            throw TaxiiException.badRequest(name + " must be given once");
        }
        return values[0].isBlank() ? null : values[0];
    }

    private static Set<String> list(Map<String, String[]> parameters, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : parameters.getOrDefault(name, new String[0])) {
            for (String item : value.split(",", -1)) {
                if (!item.isBlank()) {
                    values.add(item.strip());
                }
            }
        }
        if (values.size() > MAX_VALUES) {
            throw TaxiiException.badRequest(name + " may list at most " + MAX_VALUES + " values");
        }
        return values;
    }

    private static void check(Pattern pattern, String name, String value, String what) {
        if (!pattern.matcher(value).matches()) {
            throw TaxiiException.badRequest(name + " must be " + what);
        }
    }

    private static Instant timestamp(String name, String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw TaxiiException.badRequest(name + " must be a timestamp such as 2026-11-28T10:00:00.000Z");
        }
    }
}
