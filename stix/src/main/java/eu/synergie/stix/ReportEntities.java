package eu.synergie.stix;

import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.AssetType;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.EntityKind;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.ProtectedRole;
import eu.synergie.stix.Conversion.Unmapped;
import eu.synergie.stix.Definitions.Extension;
import tools.jackson.databind.JsonNode;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static eu.synergie.stix.StixFields.optionalList;
import static eu.synergie.stix.StixFields.optionalText;
import static eu.synergie.stix.StixFields.requiredText;

/**
 * The entities and ownerships of one report: each object it refers to becomes an entity of the notice when a
 * notice has a kind for it (our own extensions, STIX's observables and identities, MISP's and OpenCTI's forms), and
 * is listed as not mapped otherwise.
 */
final class ReportEntities {

    /**
     * The most entities one notice takes from a report. The notice model sets no limit, but a notice is sealed into one
     * envelope of at most 1 MiB (the gateway's {@code max-envelope-bytes}) and indexed as one document; a thousand
     * entities with attributes is about what that holds, and far more than a case notice names.
     */
    static final int MAX_ENTITIES = 1_000;

    /** A pattern of one equality on a value, as MISP writes an attribute marked for IDS: {@code [ipv4-addr:value = '…']}. */
    private static final Pattern SIMPLE_PATTERN = Pattern.compile(
            "\\[\\s*([a-z0-9-]+):value\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*]");

    /**
     * Types an {@code observed-data} may not refer to: it holds observables and relationships only (STIX 2.1 §4.13),
     * so a domain object or a marking there is not followed.
     */
    private static final Set<String> NOT_OBSERVABLE = Set.of("attack-pattern", "campaign", "course-of-action", "grouping",
            "identity", "incident", "indicator", "infrastructure", "intrusion-set", "location", "malware",
            "malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability",
            "sighting", "marking-definition", "extension-definition", "language-content", "x-misp-attribute");

    private final StixBundle bundle;
    private final String reportId;
    private final ReportMarkings markings;
    /** Shared with the report's conversion: what a notice has no place for. */
    private final List<Unmapped> unmapped;
    private final List<Entity> entities = new ArrayList<>();
    /** The entity each object became, by the object's id: what ownership relationships point at. */
    private final Map<String, Entity> entityOf = new HashMap<>();
    /** Ownership relationships the report refers to, read once every entity is known. */
    private final List<JsonNode> ownerships = new ArrayList<>();
    private final Set<String> visited = new LinkedHashSet<>();

    ReportEntities(StixBundle bundle, String reportId, ReportMarkings markings, List<Unmapped> unmapped) {
        this.bundle = bundle;
        this.reportId = reportId;
        this.markings = markings;
        this.unmapped = unmapped;
    }

    List<Entity> entities() {
        return entities;
    }

    /** The ownerships between the notice's entities: call once every object of the report has been referred to. */
    List<Ownership> relations() {
        List<Ownership> relations = new ArrayList<>();
        for (JsonNode relationship : ownerships) {
            ownership(relationship).ifPresent(relations::add);
        }
        return relations;
    }

    /** An object the report refers to (or one an observed-data holds), read once however often it is referred to. */
    void refer(JsonNode object) {
        String id = object.get("id").asString();
        if (!visited.add(id)) {
            return;
        }
        String type = object.get("type").asString();
        markings.read(object, id);
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
        if (ref == null || !StixBundle.isId(ref)) {
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
}
