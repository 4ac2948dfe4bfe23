package eu.synergie.stix;

import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetType;
import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.Tlp;
import eu.synergie.core.notice.TracingRequest;
import eu.synergie.stix.Conversion.Unmapped;
import eu.synergie.stix.Definitions.Extension;
import eu.synergie.stix.Definitions.Tlp1;
import eu.synergie.stix.Definitions.Tlp2;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STIX 2.1 bundles into notices: each {@code report} (or {@code grouping}, which MISP may emit instead) with what it
 * refers to becomes one notice of the importing agency. What a notice has no place for is listed in the
 * {@link Conversion}, never dropped silently. Markings never weaken on the way: the strictest TLP wins, a statement
 * (or a restrictive PAP) becomes handling code H3 with its words in the note, a marking we cannot find or a TLP of no
 * known level is an error, and one we cannot read is listed apart ({@link Conversion#unreadMarkings()}) for the agency
 * to decide on. Reads our own export, MISP's and OpenCTI's.
 *
 * @see <a href="https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html">STIX 2.1</a>
 */
public final class StixImport {

    /** {@code type--uuid}; any UUID version is read (STIX asks for 4 or 5, some producers now mint 7). */
    private static final Pattern ID = Pattern.compile("([a-z][a-z0-9-]+[a-z0-9])--"
            + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");

    /** A pattern of one equality on a value, as MISP writes an attribute marked for IDS: {@code [ipv4-addr:value = '…']}. */
    private static final Pattern SIMPLE_PATTERN = Pattern.compile(
            "\\[\\s*([a-z0-9-]+):value\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*]");

    /**
     * The most entities one notice takes from a report. The notice model sets no limit, but a notice is sealed into one
     * envelope of at most 1 MiB (the gateway's {@code max-envelope-bytes}) and indexed as one document; a thousand
     * entities with attributes is about what that holds, and far more than a case notice names.
     */
    static final int MAX_ENTITIES = 1_000;

    /**
     * Types an {@code observed-data} may not refer to: it holds observables and relationships only (STIX 2.1 §4.13),
     * so a domain object or a marking there is not followed.
     */
    private static final Set<String> NOT_OBSERVABLE = Set.of("attack-pattern", "campaign", "course-of-action", "grouping",
            "identity", "incident", "indicator", "infrastructure", "intrusion-set", "location", "malware",
            "malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability",
            "sighting", "marking-definition", "extension-definition", "language-content", "x-misp-attribute");

    private StixImport() {
    }

    private static final String NOTICE_PATH = "extensions." + Extension.NOTICE.id();

    /** A noticeId as our export writes it (the synergie-notice schema's pattern). */
    private static final Pattern NOTICE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    // A key given twice is read differently by different parsers: refused, as NoticeJson does.
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * The bundle as JSON bytes (a file, a request body): malformed JSON or a key given twice is refused with where it
     * is, never what it holds.
     *
     * @throws StixImportException when the bytes are not a bundle we can read
     */
    public static List<Conversion> convert(byte[] json, ImportDefaults defaults) {
        JsonNode bundle;
        try {
            bundle = STRICT.readTree(json);
        } catch (JacksonException e) {
            var location = e.getLocation();
            throw new StixImportException("bundle", "(JSON)", "is not valid JSON" + (location == null ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
        }
        return convert(bundle, defaults);
    }

    /**
     * One conversion per report of the bundle, in bundle order.
     *
     * @throws StixImportException when the bundle is not STIX 2.1 we can read; the message names the object and property
     */
    public static List<Conversion> convert(JsonNode bundle, ImportDefaults defaults) {
        Bundle objects = Bundle.of(bundle);
        List<Conversion> out = new ArrayList<>();
        for (JsonNode object : objects.all()) {
            String type = object.get("type").asString();
            if (type.equals("report") || type.equals("grouping")) {
                out.add(new ReportConversion(objects, object, defaults).convert());
            }
        }
        if (out.isEmpty()) {
            throw new StixImportException(bundle.path("id").asString("bundle"), "objects",
                    "holds no report or grouping: nothing becomes a notice");
        }
        return out;
    }

    /** The bundle's objects by id, each checked to have a type and an id of that type. */
    private record Bundle(Map<String, JsonNode> byId) {

        static Bundle of(JsonNode bundle) {
            if (bundle == null || !bundle.isObject()) {
                throw new StixImportException("bundle", "type", "is not a JSON object");
            }
            String bundleId = bundle.path("id").asString("bundle");
            if (!bundle.path("type").asString("").equals("bundle")) {
                throw new StixImportException(bundleId, "type", "must be \"bundle\"");
            }
            JsonNode objects = bundle.path("objects");
            if (!objects.isArray()) {
                throw new StixImportException(bundleId, "objects", "must be an array of STIX objects");
            }
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            int index = 0;
            for (JsonNode object : objects) {
                String where = "objects[" + index++ + "]";
                if (!object.isObject()) {
                    throw new StixImportException(where, "type", "is not a JSON object");
                }
                String id = object.path("id").isString() ? object.get("id").asString() : null;
                String named = id == null ? where : id;
                if (!object.path("type").isString() || object.get("type").asString().isBlank()) {
                    throw new StixImportException(named, "type", "is missing");
                }
                if (id == null) {
                    throw new StixImportException(where, "id", "is missing");
                }
                Matcher matcher = ID.matcher(id);
                if (!matcher.matches() || !matcher.group(1).equals(object.get("type").asString())) {
                    throw new StixImportException(id, "id", "must be " + object.get("type").asString()
                            + "--<uuid>");
                }
                JsonNode held = byId.get(id);
                if (held == null || supersedes(object, held, id)) {
                    byId.put(id, object);
                }
            }
            return new Bundle(byId);
        }

        /**
         * Versions of one object may share a bundle: id and {@code modified} name a version (STIX 2.1 §3.6), and the
         * latest stands for the object. Two copies that no {@code modified} tells apart must be the same object; if
         * they differ, which one the producer meant cannot be known, and keeping either could drop the stricter one.
         */
        private static boolean supersedes(JsonNode object, JsonNode held, String id) {
            Instant mine = modified(object, id);
            Instant theirs = modified(held, id);
            if (mine != null && theirs != null && !mine.equals(theirs)) {
                return mine.isAfter(theirs);
            }
            if (!StixIds.canonical(object).equals(StixIds.canonical(held))) {
                throw new StixImportException(id, "id", "given twice with different content"
                        + (mine != null && theirs != null ? " and the same modified" : " and no modified to order them"));
            }
            return false;
        }

        private static Instant modified(JsonNode object, String id) {
            JsonNode value = object.path("modified");
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            try {
                return Instant.parse(value.asString(""));
            } catch (DateTimeParseException e) {
                throw new StixImportException(id, "modified", "must be a timestamp such as 2026-11-28T10:00:00.000Z");
            }
        }

        Iterable<JsonNode> all() {
            return byId.values();
        }

        Optional<JsonNode> get(String id) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    /** One report and what it refers to. */
    private static final class ReportConversion {

        private final Bundle bundle;
        private final JsonNode report;
        private final String reportId;
        private final ImportDefaults defaults;
        private final List<Entity> entities = new ArrayList<>();
        /** The entity each object became, by the object's id: what ownership relationships point at. */
        private final Map<String, Entity> entityOf = new HashMap<>();
        /** Ownership relationships the report refers to, read once every entity is known. */
        private final List<JsonNode> ownerships = new ArrayList<>();
        private final List<Unmapped> unmapped = new ArrayList<>();
        private final List<Unmapped> unreadMarkings = new ArrayList<>();
        private final Set<String> visited = new LinkedHashSet<>();
        private final Set<String> markingsRead = new LinkedHashSet<>();
        private final Set<Tlp> tlps = new LinkedHashSet<>();
        /** Restrictions of markings with no field of their own in a notice (statements, PAP), by marking id. */
        private final Map<String, String> restrictions = new LinkedHashMap<>();
        private JsonNode synergieMarking;
        private String synergieMarkingId;

        ReportConversion(Bundle bundle, JsonNode report, ImportDefaults defaults) {
            this.bundle = bundle;
            this.report = report;
            this.reportId = report.get("id").asString();
            this.defaults = defaults;
        }

        Conversion convert() {
            String title = requiredText(report, reportId, "name");
            String summary = optionalText(report, reportId, "description");
            Instant issuedAt = issuedAt();
            JsonNode notice = report.path("extensions").path(Extension.NOTICE.id());
            readMarkings(report, reportId);
            String creator = optionalText(report, reportId, "created_by_ref");
            if (creator != null) {
                String who = bundle.get(creator).map(c -> c.path("name").asString(creator)).orElse(creator);
                unmapped.add(new Unmapped(creator, "identity", "the report's author (" + who
                        + "): the importing agency is the originator of the notice"));
            }
            String region = notice.path("region").asString(null);
            if (region != null && !region.equals(defaults.region())) {
                unmapped.add(new Unmapped(reportId, "report", "region " + region + " (extensions." + Extension.NOTICE.id()
                        + ".region): the notice is published to the importing agency's region, " + defaults.region()));
            }
            JsonNode refs = report.path("object_refs");
            if (!refs.isArray()) {
                throw new StixImportException(reportId, "object_refs", "must be an array of object ids");
            }
            int index = 0;
            for (JsonNode ref : refs) {
                String property = "object_refs[" + index++ + "]";
                if (!ref.isString()) {
                    throw new StixImportException(reportId, property, "must be an object id");
                }
                String id = ref.asString();
                if (id.equals(creator)) {
                    // The report's author, which our export names when a notice has no entity: not an entity.
                    continue;
                }
                JsonNode object = bundle.get(id).orElseThrow(() -> new StixImportException(reportId, property,
                        id + " is not in the bundle"));
                refer(object);
            }
            List<Ownership> relations = new ArrayList<>();
            for (JsonNode relationship : ownerships) {
                ownership(relationship).ifPresent(relations::add);
            }
            Markings markings = markings();
            Notice converted;
            try {
                converted = new Notice(noticeId(), type(), title, summary, language(), issuedAt,
                        instant(notice, "valid_until", "extensions." + Extension.NOTICE.id() + ".valid_until"),
                        markings, grading(notice, "source_reliability"), grading(notice, "info_reliability"),
                        caseRef(creator), entities, relations, request(notice), replyTo(notice), version(notice),
                        report.path("revoked").asBoolean(false) ? NoticeStatus.WITHDRAWN : NoticeStatus.ACTIVE);
            } catch (IllegalArgumentException e) {
                throw new StixImportException(reportId, propertyOf(e.getMessage()), e.getMessage());
            }
            return new Conversion(converted, unmapped, unreadMarkings);
        }

        /** The noticeId: the same report imported again by the same agency is the same notice (a new version of it). */
        private UUID noticeId() {
            return importedNoticeId(reportId);
        }

        private UUID importedNoticeId(String report) {
            return StixIds.uuid5(StixIds.NAMESPACE, "import:" + defaults.originAgency() + "\n" + report);
        }

        /** This version's time: {@code modified}, which moves with every version; else when it was published. */
        private Instant issuedAt() {
            for (String property : List.of("modified", "published", "created")) {
                Instant instant = instant(report, property, property);
                if (instant != null) {
                    return instant;
                }
            }
            throw new StixImportException(reportId, "published", "is missing");
        }

        /** The first report type that names one of ours (a grouping's context); else the agency's default. */
        private NoticeType type() {
            List<String> values = new ArrayList<>();
            if (report.get("type").asString().equals("grouping")) {
                values.add(report.path("context").asString(""));
            } else {
                report.path("report_types").forEach(v -> values.add(v.asString("")));
            }
            for (String value : values) {
                for (NoticeType type : NoticeType.values()) {
                    if (StixExport.reportType(type).equals(value)) {
                        return type;
                    }
                }
            }
            return defaults.type();
        }

        private String language() {
            String lang = report.path("lang").asString(null);
            if (lang == null) {
                return defaults.language();
            }
            // A language tag (RFC 5646) such as fr-BE: the notice keeps the language, not the region.
            String primary = lang.split("-", 2)[0].toLowerCase(Locale.ROOT);
            if (!primary.matches("[a-z]{2,3}")) {
                throw new StixImportException(reportId, "lang", "must be a language code such as fr");
            }
            return primary;
        }

        /**
         * The case reference: an external reference of the report's author, one whose {@code source_name} is the
         * author's name (as our export writes the agency's). Others name what the report is about, not the case: an
         * ATT&CK technique, a CVE.
         */
        private String caseRef(String creator) {
            String author = creator == null ? null : bundle.get(creator).map(c -> c.path("name").asString(null)).orElse(null);
            if (author == null) {
                return null;
            }
            for (JsonNode reference : report.path("external_references")) {
                if (reference.path("source_name").asString("").equals(author) && reference.path("external_id").isString()) {
                    return reference.get("external_id").asString();
                }
            }
            return null;
        }

        private int version(JsonNode notice) {
            JsonNode version = notice.path("version");
            if (version.isMissingNode()) {
                return 1;
            }
            if (!version.isInt() || version.asInt() < 1) {
                throw new StixImportException(reportId, "extensions." + Extension.NOTICE.id() + ".version",
                        "must be a whole number from 1");
            }
            return version.asInt();
        }

        /** The asset-tracing request the report makes, if any; the notice checks that its type may make one. */
        private TracingRequest request(JsonNode notice) {
            String path = NOTICE_PATH + ".request";
            JsonNode request = notice.path("request");
            if (request.isMissingNode() || request.isNull()) {
                return null;
            }
            if (!request.isObject()) {
                throw new StixImportException(reportId, path, "must be an object with grounds, jurisdictions and reply_by");
            }
            String grounds = requiredText(request, reportId, path + ".grounds", "grounds");
            Set<String> jurisdictions = textSet(request, reportId, path + ".", "jurisdictions");
            String replyBy = requiredText(request, reportId, path + ".reply_by", "reply_by");
            LocalDate day;
            try {
                // ISO 8601 calendar date, four-digit year; the parser refuses days a month does not have.
                day = DATE.matcher(replyBy).matches() ? LocalDate.parse(replyBy) : null;
            } catch (DateTimeParseException e) {
                day = null;
            }
            if (day == null) {
                throw new StixImportException(reportId, path + ".reply_by", "must be a date such as 2026-12-31");
            }
            try {
                return new TracingRequest(grounds, jurisdictions, day);
            } catch (IllegalArgumentException e) {
                throw new StixImportException(reportId, propertyOf(e.getMessage()), e.getMessage());
            }
        }

        /**
         * The request a reply answers. Our export names it by the requester's noticeId; the importer gave that
         * request's report a noticeId of its own ({@link #noticeId()}), and the reply must point at that one, or
         * the two are no longer linked once both are imported.
         */
        private UUID replyTo(JsonNode notice) {
            String path = NOTICE_PATH + ".reply_to";
            String replyTo = optionalText(notice, reportId, path, "reply_to");
            if (replyTo == null) {
                return null;
            }
            if (!NOTICE_ID.matcher(replyTo).matches()) {
                throw new StixImportException(reportId, path, "must be a notice id such as 0b5f7a52-3c1e-4f0e-9a7d-6c2b8e1f4a90");
            }
            return importedNoticeId(StixExport.reportIdOf(UUID.fromString(replyTo)));
        }

        private String grading(JsonNode notice, String property) {
            String ours = optionalText(notice, reportId, "extensions." + Extension.NOTICE.id() + "." + property, property);
            if (ours != null || !property.equals("source_reliability")) {
                return ours;
            }
            // OpenCTI grades the source on the Admiralty scale (A-F); the 4x4 scale has A, B, C (mostly unreliable)
            // and X. Admiralty C, "fairly reliable", has no equivalent and stays ungraded.
            String admiralty = report.path("x_opencti_reliability").asString("");
            return admiralty.isEmpty() ? null : switch (admiralty.charAt(0)) {
                case 'A' -> "A";
                case 'B' -> "B";
                case 'D', 'E' -> "C";
                case 'F' -> "X";
                default -> null;
            };
        }

        // ---- entities

        private void refer(JsonNode object) {
            String id = object.get("id").asString();
            if (!visited.add(id)) {
                return;
            }
            String type = object.get("type").asString();
            readMarkings(object, id);
            int before = entities.size();
            referTo(object, id, type);
            if (entities.size() == before + 1 && !type.equals("observed-data")) {
                entityOf.put(id, entities.getLast());
            }
        }

        private void referTo(JsonNode object, String id, String type) {
            Optional<Extension> ours = Extension.byType(type);
            if (ours.isPresent()) {
                EntityKind kind = ours.get() == Extension.OTHER ? kindOf(object, id) : ours.get().kind;
                Asset asset = kind == EntityKind.ASSET ? AssetProperties.read(object, id) : null;
                addEntity(entity(kind, requiredText(object, id, "value"), attributesOf(object, id, object.path("attributes"),
                        "attributes"), optionalText(object, id, "ref"), "ref", asset, id));
                return;
            }
            switch (type) {
                case "identity" -> identity(object, id);
                case "location" -> location(object, id);
                case "email-addr" -> addEntity(entity(EntityKind.EMAIL, requiredText(object, id, "value"),
                        standardAttributes(object, id, Map.of("display_name", "displayName"))));
                case "domain-name" -> add(EntityKind.DOMAIN, object, id);
                case "ipv4-addr" -> {
                    String value = requiredText(object, id, "value");
                    if (!ObservableValues.isIpv4(value)) {
                        throw new StixImportException(id, "value", "is not an IPv4 address (dotted quad, optional /prefix)");
                    }
                    add(EntityKind.IP_ADDRESS, object, id);
                }
                case "ipv6-addr" -> {
                    if (!ObservableValues.isIpv6(requiredText(object, id, "value"))) {
                        throw new StixImportException(id, "value", "is not an IPv6 address");
                    }
                    add(EntityKind.IP_ADDRESS, object, id);
                }
                // OpenCTI's own observable types.
                case "phone-number" -> add(EntityKind.PHONE, object, id);
                case "cryptocurrency-wallet" -> add(EntityKind.CRYPTO_WALLET, object, id);
                case "bank-account" -> {
                    String iban = optionalText(object, id, "iban");
                    if (iban == null) {
                        unmapped.add(new Unmapped(id, type, "a bank account without an IBAN"));
                    } else {
                        addEntity(entity(EntityKind.IBAN, iban, standardAttributes(object, id, Map.of("bic", "bic",
                                "account_number", "accountNumber"))));
                    }
                }
                case "observed-data" -> observed(object, id);
                case "indicator" -> indicator(object, id);
                case "x-misp-attribute" -> mispAttribute(object, id);
                case "relationship" -> {
                    if (ownershipKind(object).isPresent()) {
                        ownerships.add(object);
                    } else {
                        unmapped.add(new Unmapped(id, type, "a " + object.path("relationship_type").asString("")
                                + " relationship: a notice holds ownerships only (owns, beneficially-owns)"));
                    }
                }
                default -> unmapped.add(new Unmapped(id, type, "no Synergie entity kind for a " + type));
            }
        }

        private void identity(JsonNode object, String id) {
            String identityClass = object.path("identity_class").asString("");
            EntityKind kind = switch (identityClass) {
                case "individual" -> EntityKind.PERSON;
                case "organization", "group" -> EntityKind.ORGANIZATION;
                default -> null;
            };
            if (kind == null) {
                unmapped.add(new Unmapped(id, "identity", identityClass.isEmpty() ? "an identity of no identity_class"
                        : "an identity of class " + identityClass + ", neither a person nor an organisation"));
                return;
            }
            addStandard(kind, requiredText(object, id, "name"), object, id, Map.of());
        }

        private void location(JsonNode object, String id) {
            String street = optionalText(object, id, "street_address");
            String name = optionalText(object, id, "name");
            boolean ours = object.path("extensions").has(Extension.ENTITY.id()) || object.path("region").asString("").equals("unknown");
            if (street == null && !ours && !object.has("city")) {
                // A country or a region (OpenCTI exports both as locations): a place, not an address.
                unmapped.add(new Unmapped(id, "location", "a country or region, not an address"));
                return;
            }
            String value = street != null ? street : name;
            if (value == null) {
                value = String.join(", ", optionalList(object, id, "city", "postal_code", "country"));
            }
            addStandard(EntityKind.ADDRESS, value, object, id, Map.of("country", "country",
                    "city", "city", "postal_code", "postalCode", "administrative_area", "administrativeArea"));
        }

        private void add(EntityKind kind, JsonNode object, String id) {
            addStandard(kind, requiredText(object, id, "value"), object, id, Map.of());
        }

        /** An entity from a standard object: its ref, when it has one, is in our attributes extension. */
        private void addStandard(EntityKind kind, String value, JsonNode object, String id, Map<String, String> properties) {
            String path = "extensions." + Extension.ENTITY.id() + ".ref";
            JsonNode ours = object.path("extensions").path(Extension.ENTITY.id());
            String protection = optionalText(ours, id, "extensions." + Extension.ENTITY.id() + ".protection", "protection");
            ProtectedRole role = null;
            if (protection != null) {
                try {
                    role = ProtectedRole.valueOf(protection);
                } catch (IllegalArgumentException e) {
                    throw new StixImportException(id, "extensions." + Extension.ENTITY.id() + ".protection",
                            "protection must be one of VICTIM, WITNESS, WHISTLEBLOWER, INFORMANT");
                }
            }
            addEntity(entity(kind, value, standardAttributes(object, id, properties),
                    optionalText(ours, id, path, "ref"), path, null, id, role));
        }

        /**
         * An ownership relationship between two entities of the notice. One that points elsewhere (OpenCTI's threat
         * actor that owns infrastructure), at an entity without a ref, or between kinds a notice does not relate is
         * listed as not mapped; one whose own properties are wrong is an error.
         */
        private Optional<Ownership> ownership(JsonNode relationship) {
            String id = relationship.get("id").asString();
            String type = relationship.get("relationship_type").asString();
            Ownership.Kind kind = ownershipKind(relationship).orElseThrow();
            Entity owner = endpoint(relationship, id, "source_ref");
            Entity owned = endpoint(relationship, id, "target_ref");
            String why = owner == null || owned == null ? "its source or target is not an entity of the notice"
                    : owner.ref() == null || owned.ref() == null ? "its source or target has no Synergie ref"
                    : owned.kind() != EntityKind.ASSET ? "its target is no asset (" + owned.kind() + ")"
                    : !(owner.kind() == EntityKind.PERSON || owner.kind() == EntityKind.ORGANIZATION
                    || (owner.asset() != null && owner.asset().type() == AssetType.COMPANY))
                    ? "its source is neither a person, an organisation nor a company (" + owner.kind() + ")" : null;
            if (why != null) {
                unmapped.add(new Unmapped(id, "relationship", type + " relationship a notice cannot hold: " + why));
                return Optional.empty();
            }
            JsonNode extension = relationship.path("extensions").path(Extension.OWNERSHIP.id());
            String sharePath = "extensions." + Extension.OWNERSHIP.id() + ".share";
            String shareText = optionalText(extension, id, sharePath, "share");
            BigDecimal share = shareText == null ? null : AssetProperties.decimal(shareText, id, sharePath, "33.33");
            LocalDate from = day(relationship, id, "start_time", false);
            LocalDate to = day(relationship, id, "stop_time", true);
            try {
                return Optional.of(new Ownership(owner.ref(), owned.ref(), kind, share, from, to));
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                throw new StixImportException(id, message.startsWith("relations.share") ? sharePath
                        : message.startsWith("relations.to") ? "stop_time" : "source_ref", message);
            }
        }

        private static Optional<Ownership.Kind> ownershipKind(JsonNode relationship) {
            String type = relationship.path("relationship_type").asString("");
            return Arrays.stream(Ownership.Kind.values()).filter(k -> StixExport.relationshipType(k).equals(type)).findFirst();
        }

        private Entity endpoint(JsonNode relationship, String id, String property) {
            String ref = optionalText(relationship, id, property);
            if (ref == null || !ID.matcher(ref).matches()) {
                throw new StixImportException(id, property, "must be the id of an object");
            }
            return entityOf.get(ref);
        }

        /**
         * The day of a relationship's start or stop. Our export writes midnight UTC; a stop_time is the end of the
         * last day held (midnight of the next day), so a stop at midnight means the day before.
         */
        private LocalDate day(JsonNode relationship, String id, String property, boolean stop) {
            String text = optionalText(relationship, id, property);
            if (text == null) {
                return null;
            }
            Instant instant;
            try {
                instant = Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new StixImportException(id, property, "must be a timestamp such as 2026-11-28T00:00:00.000Z");
            }
            LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
            return stop && instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT) ? day.minusDays(1) : day;
        }

        /** MISP writes an attribute not marked for IDS as observed-data over the observables. */
        private void observed(JsonNode object, String id) {
            JsonNode refs = object.path("object_refs");
            if (!refs.isArray()) {
                unmapped.add(new Unmapped(id, "observed-data", "observed-data without object_refs (STIX 2.0 embedded "
                        + "objects are not read)"));
                return;
            }
            int index = 0;
            for (JsonNode ref : refs) {
                String property = "object_refs[" + index++ + "]";
                String target = ref.asString("");
                JsonNode observable = bundle.get(target).orElseThrow(() -> new StixImportException(id, property, target
                        + " is not in the bundle"));
                String type = observable.get("type").asString();
                if (NOT_OBSERVABLE.contains(type)) {
                    // Not followed: nothing an observed-data may hold refers further, so the walk stays one deep
                    // whatever the bundle (a chain of observed-data would otherwise recurse without bound).
                    unmapped.add(new Unmapped(target, type, "referred to by observed-data " + id
                            + ", which holds observables only (STIX 2.1 §4.13)"));
                } else {
                    refer(observable);
                }
            }
        }

        /** MISP writes an attribute marked for IDS as an indicator: one equality on a value becomes the entity. */
        private void indicator(JsonNode object, String id) {
            String pattern = object.path("pattern").asString("").strip();
            Matcher matcher = SIMPLE_PATTERN.matcher(pattern);
            if (!object.path("pattern_type").asString("stix").equals("stix") || !matcher.matches()) {
                unmapped.add(new Unmapped(id, "indicator", "a pattern beyond one equality on a value: "
                        + (pattern.length() > 80 ? pattern.substring(0, 80) + "…" : pattern)));
                return;
            }
            String value = matcher.group(2).replaceAll("\\\\(.)", "$1");
            // The same checks as for the objects: the value must be what the pattern says it is.
            if (matcher.group(1).equals("ipv4-addr") && !ObservableValues.isIpv4(value)) {
                throw new StixImportException(id, "pattern", "compares ipv4-addr:value with something that is not an "
                        + "IPv4 address (dotted quad, optional /prefix)");
            }
            if (matcher.group(1).equals("ipv6-addr") && !ObservableValues.isIpv6(value)) {
                throw new StixImportException(id, "pattern", "compares ipv6-addr:value with something that is not an IPv6 address");
            }
            EntityKind kind = switch (matcher.group(1)) {
                case "ipv4-addr", "ipv6-addr" -> EntityKind.IP_ADDRESS;
                case "domain-name" -> EntityKind.DOMAIN;
                case "email-addr" -> EntityKind.EMAIL;
                default -> null;
            };
            if (kind == null) {
                unmapped.add(new Unmapped(id, "indicator", "no Synergie entity kind for a " + matcher.group(1) + " pattern"));
                return;
            }
            addEntity(entity(kind, value, Map.of()));
        }

        /** MISP's custom object for attribute types STIX has no object for. */
        private void mispAttribute(JsonNode object, String id) {
            String mispType = object.path("x_misp_type").asString("");
            EntityKind kind = switch (mispType) {
                case "phone-number" -> EntityKind.PHONE;
                case "iban" -> EntityKind.IBAN;
                case "btc", "xmr", "dash", "eth" -> EntityKind.CRYPTO_WALLET;
                case "passport-number", "identity-card-number" -> EntityKind.IDENTITY_DOCUMENT;
                default -> null;
            };
            if (kind == null) {
                unmapped.add(new Unmapped(id, "x-misp-attribute", "no Synergie entity kind for a MISP " + mispType + " attribute"));
                return;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            switch (mispType) {
                case "btc", "xmr", "dash", "eth" -> attributes.put("chain", mispType.toUpperCase(Locale.ROOT));
                case "passport-number" -> attributes.put("type", "PASSPORT");
                case "identity-card-number" -> attributes.put("type", "IDENTITY_CARD");
                default -> {
                }
            }
            addEntity(entity(kind, requiredText(object, id, "x_misp_value"), attributes));
        }

        private EntityKind kindOf(JsonNode object, String id) {
            String kind = requiredText(object, id, "kind");
            return Arrays.stream(EntityKind.values()).filter(k -> k.name().equals(kind)).findFirst()
                    .orElseThrow(() -> new StixImportException(id, "kind", "must be a Synergie entity kind such as PHONE"));
        }

        private void addEntity(Entity entity) {
            if (entities.size() == MAX_ENTITIES) {
                throw new StixImportException(reportId, "object_refs", "refers to more than " + MAX_ENTITIES
                        + " entities, the most one notice holds: split the report");
            }
            entities.add(entity);
        }

        private Entity entity(EntityKind kind, String value, Map<String, String> attributes) {
            return entity(kind, value, attributes, null, null, null, null, null);
        }

        private Entity entity(EntityKind kind, String value, Map<String, String> attributes, String ref, String refPath,
                              Asset asset, String id) {
            return entity(kind, value, attributes, ref, refPath, asset, id, null);
        }

        private Entity entity(EntityKind kind, String value, Map<String, String> attributes, String ref, String refPath,
                              Asset asset, String id, ProtectedRole protection) {
            if (value.isBlank()) {
                throw new StixImportException(reportId, "object_refs", "an object of kind " + kind + " has a blank value");
            }
            try {
                return new Entity(kind, value, attributes, ref, asset, protection);
            } catch (IllegalArgumentException e) {
                // The ref and a protected person's form are what the entity checks that the object's reading has not.
                throw new StixImportException(id, protection != null && ref == null ? "name" : refPath, e.getMessage());
            }
        }

        /** Our attributes extension when the object has it (it holds them all), else what the named properties say. */
        private Map<String, String> standardAttributes(JsonNode object, String id, Map<String, String> properties) {
            JsonNode ours = object.path("extensions").path(Extension.ENTITY.id());
            if (!ours.isMissingNode()) {
                return attributesOf(object, id, ours.path("attributes"), "extensions." + Extension.ENTITY.id() + ".attributes");
            }
            Map<String, String> out = new LinkedHashMap<>();
            properties.forEach((property, attribute) -> {
                String value = optionalText(object, id, property);
                if (value != null) {
                    out.put(attribute, value);
                }
            });
            return out;
        }

        private Map<String, String> attributesOf(JsonNode object, String id, JsonNode attributes, String property) {
            if (attributes.isMissingNode()) {
                return Map.of();
            }
            if (!attributes.isObject()) {
                throw new StixImportException(id, property, "must be an object of text values");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : attributes.properties()) {
                if (!entry.getValue().isString()) {
                    throw new StixImportException(id, property + "." + entry.getKey(), "must be text");
                }
                out.put(entry.getKey(), entry.getValue().asString());
            }
            return out;
        }

        // ---- markings

        /** The markings an object carries, by reference or granular, added to what the notice will carry. */
        private void readMarkings(JsonNode object, String id) {
            JsonNode refs = object.path("object_marking_refs");
            if (!refs.isMissingNode() && !refs.isArray()) {
                throw new StixImportException(id, "object_marking_refs", "must be an array of marking-definition ids");
            }
            int index = 0;
            for (JsonNode ref : refs) {
                marking(ref.asString(""), id, "object_marking_refs[" + index++ + "]");
            }
            JsonNode granulars = object.path("granular_markings");
            if (!granulars.isMissingNode() && !granulars.isArray()) {
                throw new StixImportException(id, "granular_markings", "must be an array of granular markings");
            }
            index = 0;
            for (JsonNode granular : granulars) {
                String property = "granular_markings[" + index++ + "]";
                // A notice is marked as a whole: a marking on part of an object marks the notice, the strictest winning.
                if (granular.path("marking_ref").isString()) {
                    marking(granular.get("marking_ref").asString(), id, property + ".marking_ref");
                } else if (!granular.path("lang").isString()) {
                    throw new StixImportException(id, property, "must have a marking_ref (or a lang)");
                }
            }
        }

        private void marking(String ref, String holder, String property) {
            Optional<Tlp> fixed = Tlp2.byId(ref).map(t -> t.tlp).or(() -> Tlp1.byId(ref).map(t -> t.tlp));
            if (fixed.isPresent()) {
                tlps.add(fixed.get());
                return;
            }
            JsonNode marking = bundle.get(ref).orElseThrow(() -> new StixImportException(holder, property,
                    ref + " is neither a TLP marking of STIX 2.1 or OASIS nor in the bundle"));
            if (!marking.get("type").asString().equals("marking-definition")) {
                throw new StixImportException(holder, property, ref + " is not a marking-definition");
            }
            JsonNode ours = marking.path("extensions").path(Extension.MARKINGS.id());
            if (!ours.isMissingNode()) {
                if (synergieMarking != null && !synergieMarkingId.equals(ref)) {
                    throw new StixImportException(holder, property, "a second Synergie marking (" + ref + " beside "
                            + synergieMarkingId + "): a notice has one");
                }
                synergieMarking = ours;
                synergieMarkingId = ref;
                return;
            }
            Optional<Tlp> tlp = tlpOf(marking, ref);
            if (tlp.isPresent()) {
                tlps.add(tlp.get());
                return;
            }
            if (!markingsRead.add(ref)) {
                return;
            }
            Optional<String> pap = papOf(marking);
            if (pap.isPresent()) {
                String level = pap.get();
                switch (level) {
                    case "red" -> restrictions.put(ref, "PAP:RED: only passive actions that cannot be detected from "
                            + "outside (no lookups, no blocking)");
                    case "amber" -> restrictions.put(ref, "PAP:AMBER: passive cross-checks only (lookups in services "
                            + "that do not reveal the query), no action that can be detected from outside");
                    case "green", "clear", "white" -> unmapped.add(new Unmapped(ref, "marking-definition", "PAP:"
                            + level.toUpperCase(Locale.ROOT) + " allows active actions: no restriction for a notice to carry"));
                    default -> unreadMarkings.add(new Unmapped(ref, "marking-definition", "a PAP marking of no level "
                            + "we know (" + level + ")"));
                }
                return;
            }
            String statement = marking.path("definition_type").asString("").equals("statement")
                    ? marking.path("definition").path("statement").asString("").strip() : "";
            if (!statement.isEmpty()) {
                // Words a producer wrote to restrict use ("ne pas publier les indicateurs"): a notice says them in
                // its handling note, under H3, which is "other restrictions, stated in the note".
                restrictions.put(ref, statement);
                return;
            }
            String named = marking.path("name").asString(marking.path("definition_type").asString(ref));
            unreadMarkings.add(new Unmapped(ref, "marking-definition", "a marking with no Synergie equivalent: " + named));
        }

        /**
         * The level of a PAP (Permissible Actions Protocol) marking, as OpenCTI writes it ({@code x_opencti_definition_type}
         * PAP, {@code definition_type} PAP, a name {@code PAP:RED}), lower-case; empty when the marking is not PAP.
         */
        private static Optional<String> papOf(JsonNode marking) {
            String text;
            if (marking.path("x_opencti_definition_type").asString("").equalsIgnoreCase("PAP")) {
                text = marking.path("x_opencti_definition").asString("");
            } else if (marking.path("definition_type").asString("").equalsIgnoreCase("PAP")) {
                JsonNode definition = marking.path("definition");
                text = definition.path("pap").asString(definition.path("PAP").asString(marking.path("name").asString("")));
            } else if (marking.path("name").asString("").toUpperCase(Locale.ROOT).startsWith("PAP:")) {
                text = marking.path("name").asString();
            } else {
                return Optional.empty();
            }
            String lower = text.strip().toLowerCase(Locale.ROOT);
            return Optional.of(lower.startsWith("pap:") ? lower.substring(4) : lower);
        }

        /**
         * A TLP level written any of the ways producers write it: the OASIS TLP 2.0 extension, {@code definition_type}
         * tlp, OpenCTI's {@code x_opencti_definition}, MISP's statement or name {@code tlp:amber+strict}. An object that
         * says it is a TLP marking and names no level we know is an error.
         */
        private Optional<Tlp> tlpOf(JsonNode marking, String id) {
            JsonNode tlp2 = marking.path("extensions").path(Definitions.TLP2_EXTENSION);
            if (!tlp2.isMissingNode()) {
                return Optional.of(level(tlp2.path("tlp_2_0").asString(""), id, "extensions." + Definitions.TLP2_EXTENSION + ".tlp_2_0"));
            }
            if (marking.path("definition_type").asString("").equalsIgnoreCase("tlp")) {
                // STIX writes {"tlp": "amber"}; OpenCTI {"TLP": "TLP:AMBER+STRICT"}.
                JsonNode definition = marking.path("definition");
                String key = definition.has("tlp") ? "tlp" : "TLP";
                return Optional.of(level(definition.path(key).asString(""), id, "definition." + key));
            }
            if (marking.path("x_opencti_definition_type").asString("").equalsIgnoreCase("TLP")) {
                return Optional.of(level(marking.path("x_opencti_definition").asString(""), id, "x_opencti_definition"));
            }
            if (marking.path("definition_type").asString("").equals("statement")) {
                String statement = marking.path("definition").path("statement").asString("");
                if (statement.toLowerCase(Locale.ROOT).startsWith("tlp:")) {
                    return Optional.of(level(statement, id, "definition.statement"));
                }
                return Optional.empty();
            }
            String name = marking.path("name").asString("");
            if (name.toLowerCase(Locale.ROOT).startsWith("tlp:")) {
                return Optional.of(level(name, id, "name"));
            }
            return Optional.empty();
        }

        private Tlp level(String text, String id, String property) {
            String lower = text.toLowerCase(Locale.ROOT).strip();
            String level = lower.startsWith("tlp:") ? lower.substring(4) : lower;
            if (level.equals("white")) {
                return Tlp.CLEAR;
            }
            return Tlp2.byLevel(level).map(t -> t.tlp).orElseThrow(() -> new StixImportException(id, property,
                    "\"" + text + "\" is no TLP level (clear, white, green, amber, amber+strict, red)"));
        }

        private Markings markings() {
            // Several TLP markings (the report's and its objects'): the strictest, never a lower one.
            Tlp tlp = tlps.stream().max(Tlp::compareTo).orElse(defaults.tlp());
            Classification classification = defaults.classification();
            HandlingCode handling = defaults.handlingCode();
            Dissemination dissemination = defaults.dissemination();
            String note = null;
            Set<String> releasable = Set.of();
            String at = synergieMarkingId;
            String base = "extensions." + Extension.MARKINGS.id() + ".";
            if (synergieMarking != null) {
                classification = enumOf(Classification.class, synergieMarking, at, base, "classification");
                handling = enumOf(HandlingCode.class, synergieMarking, at, base, "handling_code");
                dissemination = enumOf(Dissemination.class, synergieMarking, at, base, "dissemination");
                note = optionalText(synergieMarking, at, base + "handling_note", "handling_note");
                releasable = textSet(synergieMarking, at, base, "releasable_to");
                if (!releasable.stream().allMatch(a -> a.matches("[A-Z]{2}-[A-Z0-9]{2,16}"))) {
                    throw new StixImportException(at, base + "releasable_to", "must hold agency codes such as FR-DGPN");
                }
                Set<String> federation = textSet(synergieMarking, at, base, "federation");
                if (!federation.isEmpty()) {
                    // The originator let its notice cross to its peers; the importer is a new originator, whose
                    // exchange has other peers ("*" would name the importer's), and decides that itself.
                    unmapped.add(new Unmapped(at, "marking-definition", "federation " + String.join(", ", federation)
                            + " (" + base + "federation): whether the notice crosses to peer exchanges is the importing "
                            + "agency's decision"));
                }
            }
            if (!restrictions.isEmpty()) {
                // H3 says "other restrictions, stated in the note": the note keeps what the handling code said before.
                Set<String> parts = new LinkedHashSet<>();
                parts.add(handling == HandlingCode.H3 ? note : StixExport.handlingText(handling, note));
                parts.addAll(restrictions.values());
                handling = HandlingCode.H3;
                note = String.join("; ", parts);
            }
            // TLP:RED and AMBER+STRICT stay with the recipient's own organisation: the importing agency only.
            if (releasable.isEmpty() && (tlp == Tlp.RED || tlp == Tlp.AMBER_STRICT)) {
                releasable = Set.of(defaults.originAgency());
            }
            try {
                return new Markings(defaults.region(), defaults.originAgency(), classification, handling, note, tlp,
                        releasable, dissemination);
            } catch (IllegalArgumentException e) {
                throw new StixImportException(at == null ? reportId : at, at == null ? "object_marking_refs"
                        : base.substring(0, base.length() - 1), e.getMessage());
            }
        }

        private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode node, String id, String base, String property) {
            String value = requiredText(node, id, base + property, property);
            return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(value)).findFirst()
                    .orElseThrow(() -> new StixImportException(id, base + property, "must be one of "
                            + Arrays.toString(type.getEnumConstants())));
        }

        private static Set<String> textSet(JsonNode node, String id, String base, String property) {
            JsonNode array = node.path(property);
            if (array.isMissingNode()) {
                return Set.of();
            }
            if (!array.isArray()) {
                throw new StixImportException(id, base + property, "must be an array of text");
            }
            Set<String> out = new TreeSet<>();
            for (JsonNode value : array) {
                if (!value.isString()) {
                    throw new StixImportException(id, base + property, "must be an array of text");
                }
                out.add(value.asString());
            }
            return out;
        }

        // ---- properties

        private Instant instant(JsonNode node, String property, String path) {
            JsonNode value = node.path(property);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            try {
                return Instant.parse(value.asString(""));
            } catch (DateTimeParseException e) {
                throw new StixImportException(reportId, path, "must be a timestamp such as 2026-11-28T10:00:00.000Z");
            }
        }

        private static String requiredText(JsonNode node, String id, String property) {
            return requiredText(node, id, property, property);
        }

        private static String requiredText(JsonNode node, String id, String path, String property) {
            String value = optionalText(node, id, path, property);
            if (value == null || value.isBlank()) {
                throw new StixImportException(id, path, "is missing");
            }
            return value;
        }

        private static String optionalText(JsonNode node, String id, String property) {
            return optionalText(node, id, property, property);
        }

        private static String optionalText(JsonNode node, String id, String path, String property) {
            JsonNode value = node.path(property);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (!value.isString()) {
                throw new StixImportException(id, path, "must be text");
            }
            return value.asString();
        }

        private static List<String> optionalList(JsonNode node, String id, String... properties) {
            List<String> out = new ArrayList<>();
            for (String property : properties) {
                String value = optionalText(node, id, property);
                if (value != null) {
                    out.add(value);
                }
            }
            return out;
        }

        /** The report property a notice rule is about, from the rule's message ("title must be…"). */
        private static String propertyOf(String message) {
            Map<String, String> properties = new HashMap<>();
            properties.put("title", "name");
            properties.put("summary", "description");
            properties.put("language", "lang");
            properties.put("validUntil", "extensions." + Extension.NOTICE.id() + ".valid_until");
            properties.put("sourceReliability", "extensions." + Extension.NOTICE.id() + ".source_reliability");
            properties.put("infoReliability", "extensions." + Extension.NOTICE.id() + ".info_reliability");
            properties.put("version", "extensions." + Extension.NOTICE.id() + ".version");
            properties.put("releasableTo", "object_marking_refs");
            properties.put("request", NOTICE_PATH + ".request");
            properties.put("request.grounds", NOTICE_PATH + ".request.grounds");
            properties.put("request.jurisdictions", NOTICE_PATH + ".request.jurisdictions");
            properties.put("request.replyBy", NOTICE_PATH + ".request.reply_by");
            properties.put("replyTo", NOTICE_PATH + ".reply_to");
            String first = message == null ? "" : message.split(" ", 2)[0];
            if (message != null && message.startsWith("a notice") && message.contains("repl")) {
                // "a request or a reply to one, not both", "cannot reply to itself": about the reply_to given.
                return properties.get("replyTo");
            }
            if (first.startsWith("relations") || first.startsWith("entities")) {
                // Refs given twice, shares adding up to more than 100 %: about what the report refers to together.
                return "object_refs";
            }
            return properties.getOrDefault(first, "(notice)");
        }
    }
}
