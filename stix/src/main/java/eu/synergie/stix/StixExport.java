package eu.synergie.stix;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.notice.Asset;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.TracingRequest;
import eu.synergie.stix.Definitions.Extension;
import eu.synergie.stix.Definitions.Tlp2;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A notice as STIX 2.1 objects: a {@code report} and the objects it refers to, with the marking definitions and
 * extension definitions they use. Pure and deterministic: the same notice version gives byte-identical objects; a
 * later version keeps every id of the report and its SDOs and moves {@code modified}. The mapping is in
 * {@code docs/stix-mapping.md} and this package's documentation.
 *
 * @see <a href="https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html">STIX 2.1</a>
 */
public final class StixExport {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StixExport() {
    }

    /** The id of the report a notice becomes, whatever its version: {@code report--<uuidv5>}. */
    public static String reportIdOf(UUID noticeId) {
        return StixIds.id("report", "report:" + noticeId);
    }

    /**
     * The notice's report first, then the objects it refers to (the originating agency's identity, one object per
     * entity), the marking definitions they carry (OASIS TLP 2.0 and ours), our identity and the extension
     * definitions they use. Each object is new: callers may change them.
     */
    public static List<ObjectNode> objectsOf(FetchedNotice fetched) {
        Objects.requireNonNull(fetched, "notice");
        return new NoticeObjects(fetched.notice()).all();
    }

    /**
     * A STIX 2.1 bundle of the notices' objects, each object once (agency identities, marking and extension
     * definitions are shared). Two versions of one notice give the newest only (the higher version, else the later
     * {@code issuedAt}), in the place of the first: a bundle holds one version of an object, and the older one's
     * observables would be objects no report refers to. Bundles are not versioned, so its id is derived from what it
     * holds: the same notices give the same bundle, byte for byte.
     */
    public static ObjectNode bundleOf(Collection<FetchedNotice> notices) {
        Map<UUID, Notice> newest = new LinkedHashMap<>();
        for (FetchedNotice fetched : notices) {
            Notice notice = fetched.notice();
            newest.merge(notice.noticeId(), notice,
                    (held, other) -> other.compareVersion(held.version(), held.issuedAt()) > 0 ? other : held);
        }
        Map<String, ObjectNode> objects = new LinkedHashMap<>();
        for (Notice notice : newest.values()) {
            for (ObjectNode object : new NoticeObjects(notice).all()) {
                objects.putIfAbsent(object.get("id").asString(), object);
            }
        }
        StringBuilder content = new StringBuilder("bundle:");
        for (ObjectNode object : objects.values()) {
            content.append(StixIds.canonical(object)).append('\n');
        }
        ObjectNode bundle = JSON.objectNode();
        bundle.put("type", "bundle");
        bundle.put("id", StixIds.id("bundle", content.toString()));
        ArrayNode array = bundle.putArray("objects");
        objects.values().forEach(array::add);
        return bundle;
    }

    /**
     * {@code owns} is STIX 2.1's own (a threat actor owns infrastructure); a beneficial owner has no STIX type, and
     * §5.1 lets a relationship use a user-defined one, in the same lower-case hyphenated form.
     */
    static String relationshipType(Ownership.Kind kind) {
        return switch (kind) {
            case LEGAL -> "owns";
            case BENEFICIAL -> "beneficially-owns";
        };
    }

    /**
     * A decimal as text, so that no consumer reads it through a binary double: digits as given, the scale kept
     * ({@code 1250000.00} stays that). A negative scale (1E+3), which has no plain form with the same scale, keeps
     * its exponent.
     */
    static String decimal(BigDecimal value) {
        return value.scale() < 0 ? value.toString() : value.toPlainString();
    }

    /** The report-type value of a notice type: its name in the lower-case, hyphenated form of STIX vocabularies. */
    static String reportType(NoticeType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String agencyIdentityId(String agency) {
        return StixIds.id("identity", "agency:" + agency);
    }

    /** The objects of one notice version, built once. */
    private static final class NoticeObjects {

        private final Notice notice;
        private final String agency;
        private final List<String> markingRefs;
        private final ObjectNode ourMarking;
        private final Set<Extension> extensions = new LinkedHashSet<>();
        /** The object of each entity that has a ref, for the relationships that point at it. */
        private final Map<String, String> idsByRef = new HashMap<>();

        NoticeObjects(Notice notice) {
            this.notice = notice;
            this.agency = agencyIdentityId(notice.originAgency());
            this.ourMarking = markingOf(notice.markings());
            this.markingRefs = List.of(Tlp2.of(notice.markings().tlp()).id, ourMarking.get("id").asString());
            extensions.add(Extension.NOTICE);
            extensions.add(Extension.MARKINGS);
        }

        List<ObjectNode> all() {
            List<ObjectNode> referred = new ArrayList<>(entityObjects());
            referred.addAll(relationships());
            List<ObjectNode> out = new ArrayList<>();
            out.add(report(referred));
            out.add(agencyIdentity());
            out.addAll(referred);
            out.add(Tlp2.of(notice.markings().tlp()).object());
            out.add(ourMarking);
            out.add(Definitions.exchangeIdentity());
            for (Extension extension : extensions) {
                out.add(extension.object());
            }
            return out;
        }

        private ObjectNode report(List<ObjectNode> entities) {
            ObjectNode report = sdo("report", reportIdOf(notice.noticeId()));
            report.put("name", notice.title());
            if (notice.summary() != null) {
                report.put("description", notice.summary());
            }
            report.putArray("report_types").add(reportType(notice.type()));
            report.put("published", StixIds.timestamp(notice.issuedAt()));
            ArrayNode refs = report.putArray("object_refs");
            if (entities.isEmpty()) {
                // STIX requires at least one reference: a notice without entities refers to its originator.
                refs.add(agency);
            }
            entities.forEach(e -> refs.add(e.get("id").asString()));
            report.put("lang", notice.language());
            if (notice.caseRef() != null) {
                ObjectNode reference = report.putArray("external_references").addObject();
                reference.put("source_name", notice.originAgency());
                reference.put("external_id", notice.caseRef());
            }
            markings(report);
            ObjectNode extension = report.putObject("extensions").putObject(Extension.NOTICE.id());
            extension.put("extension_type", "property-extension");
            extension.put("notice_id", notice.noticeId().toString());
            extension.put("version", notice.version());
            extension.put("region", notice.region());
            if (notice.validUntil() != null) {
                extension.put("valid_until", StixIds.timestamp(notice.validUntil()));
            }
            if (notice.sourceReliability() != null) {
                extension.put("source_reliability", notice.sourceReliability());
            }
            if (notice.infoReliability() != null) {
                extension.put("info_reliability", notice.infoReliability());
            }
            if (notice.request() != null) {
                tracingRequest(extension.putObject("request"), notice.request());
            }
            if (notice.replyTo() != null) {
                // Not the request's report in object_refs: it may be in no bundle or collection the consumer sees,
                // and a reference to an object it cannot find makes consumers refuse the whole report.
                extension.put("reply_to", notice.replyTo().toString());
            }
            return report;
        }

        private static void tracingRequest(ObjectNode out, TracingRequest request) {
            out.put("grounds", request.grounds());
            ArrayNode jurisdictions = out.putArray("jurisdictions");
            new TreeSet<>(request.jurisdictions()).forEach(jurisdictions::add);
            out.put("reply_by", request.replyBy().toString());
        }

        /** The originating agency: the same object in every notice of that agency, so it carries no notice's time. */
        private ObjectNode agencyIdentity() {
            ObjectNode identity = JSON.objectNode();
            identity.put("type", "identity");
            identity.put("spec_version", Definitions.SPEC_VERSION);
            identity.put("id", agency);
            identity.put("created", Definitions.DEFINED);
            identity.put("modified", Definitions.DEFINED);
            identity.put("name", notice.originAgency());
            identity.put("description", "Member agency " + notice.originAgency() + " of a Synergie exchange");
            identity.put("identity_class", "organization");
            return identity;
        }

        private List<ObjectNode> entityObjects() {
            List<ObjectNode> out = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (Entity entity : notice.entities()) {
                // The nth identical entity of a notice gets its own object, so that none is lost on the way back.
                String key = entity.kind() + "\n" + entity.value();
                int occurrence = seen.merge(key, 1, Integer::sum) - 1;
                ObjectNode object = entityObject(entity, occurrence);
                if (entity.ref() != null) {
                    idsByRef.put(entity.ref(), object.get("id").asString());
                }
                out.add(object);
            }
            return out;
        }

        /**
         * One {@code relationship} per ownership, owner to asset. Versioned with the notice like its SDOs: the id
         * names the owner, the asset and the kind (the nth such relation gets its own), so a new version that changes
         * the share or the dates keeps the id and moves {@code modified}.
         */
        private List<ObjectNode> relationships() {
            List<ObjectNode> out = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (Ownership ownership : notice.relations()) {
                String key = ownership.owner() + "\n" + ownership.owned() + "\n" + ownership.kind();
                int occurrence = seen.merge(key, 1, Integer::sum) - 1;
                ObjectNode relationship = sdo("relationship", StixIds.id("relationship", "ownership:" + notice.noticeId()
                        + "\n" + key + (occurrence == 0 ? "" : "\n" + occurrence)));
                relationship.put("relationship_type", relationshipType(ownership.kind()));
                relationship.put("source_ref", idsByRef.get(ownership.owner()));
                relationship.put("target_ref", idsByRef.get(ownership.owned()));
                if (ownership.from() != null) {
                    relationship.put("start_time", StixIds.timestamp(ownership.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
                }
                if (ownership.to() != null) {
                    // The notice's "to" is the last day held (inclusive); STIX wants stop_time after start_time, and
                    // the end of that day is the start of the next.
                    relationship.put("stop_time", StixIds.timestamp(ownership.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                }
                markings(relationship);
                if (ownership.share() != null) {
                    extensions.add(Extension.OWNERSHIP);
                    ObjectNode extension = relationship.putObject("extensions").putObject(Extension.OWNERSHIP.id());
                    extension.put("extension_type", "property-extension");
                    extension.put("share", decimal(ownership.share()));
                }
                out.add(relationship);
            }
            return out;
        }

        private ObjectNode entityObject(Entity entity, int occurrence) {
            return switch (entity.kind()) {
                case PERSON -> identity(entity, "individual", occurrence);
                case ORGANIZATION -> identity(entity, "organization", occurrence);
                case ADDRESS -> location(entity, occurrence);
                // A value the standard object cannot hold (a display name with the address, a domain with spaces)
                // keeps its kind in our own type rather than make an object consumers refuse.
                case EMAIL -> ObservableValues.isEmailAddress(entity.value()) ? standardSco("email-addr", entity, occurrence)
                        : newSco(Extension.OTHER, entity, occurrence);
                case DOMAIN -> ObservableValues.isDomainName(entity.value()) ? standardSco("domain-name", entity, occurrence)
                        : newSco(Extension.OTHER, entity, occurrence);
                case IP_ADDRESS -> ObservableValues.isIpv4(entity.value()) ? standardSco("ipv4-addr", entity, occurrence)
                        : ObservableValues.isIpv6(entity.value()) ? standardSco("ipv6-addr", entity, occurrence)
                        : newSco(Extension.OTHER, entity, occurrence);
                case ASSET,
                     PHONE, IBAN, CRYPTO_WALLET, VEHICLE, VESSEL, AIRCRAFT, IDENTITY_DOCUMENT ->
                        newSco(Extension.ofKind(entity.kind()).orElseThrow(), entity, occurrence);
            };
        }

        /** Entities that are SDOs are versioned with the notice: same id in every version, {@code modified} moves. */
        private String sdoId(String type, Entity entity, int occurrence) {
            return StixIds.id(type, "entity:" + notice.noticeId() + "\n" + entity.kind() + "\n" + entity.value()
                    + (occurrence == 0 ? "" : "\n" + occurrence));
        }

        private ObjectNode identity(Entity entity, String identityClass, int occurrence) {
            ObjectNode identity = sdo("identity", sdoId("identity", entity, occurrence));
            identity.put("name", entity.value());
            identity.put("identity_class", identityClass);
            markings(identity);
            attributes(identity, entity);
            return identity;
        }

        private ObjectNode location(Entity entity, int occurrence) {
            ObjectNode location = sdo("location", sdoId("location", entity, occurrence));
            location.put("name", entity.value());
            // STIX wants a region, a country or coordinates on every location; a notice's address has only a
            // country when the originator gave one.
            String country = entity.attributes().get("country");
            if (country != null && country.matches("[A-Z]{2}")) {
                location.put("country", country);
            } else {
                location.put("region", "unknown");
            }
            markings(location);
            attributes(location, entity);
            return location;
        }

        /**
         * A standard observable. Observables have no versions, so the id follows the content (scoped to the notice,
         * since the markings are the notice's): a changed entity is a new object, an unchanged one keeps its id.
         */
        private ObjectNode standardSco(String type, Entity entity, int occurrence) {
            ObjectNode sco = scoHead(type);
            sco.put("value", entity.value());
            markings(sco);
            attributes(sco, entity);
            return withContentId(sco, occurrence);
        }

        private ObjectNode newSco(Extension type, Entity entity, int occurrence) {
            ObjectNode sco = scoHead(type.name);
            if (type == Extension.OTHER) {
                sco.put("kind", entity.kind().name());
            }
            sco.put("value", entity.value());
            if (entity.ref() != null) {
                sco.put("ref", entity.ref());
            }
            if (entity.asset() != null) {
                asset(sco, entity.asset());
            }
            if (!entity.attributes().isEmpty()) {
                ObjectNode attributes = sco.putObject("attributes");
                new TreeMap<>(entity.attributes()).forEach(attributes::put);
            }
            markings(sco);
            extensions.add(type);
            ObjectNode extension = sco.putObject("extensions").putObject(type.id());
            extension.put("extension_type", "new-sco");
            return withContentId(sco, occurrence);
        }

        /** What the notice says of an asset, on its {@code synergie-asset} object. */
        private static void asset(ObjectNode sco, Asset asset) {
            sco.put("asset_type", asset.type().name());
            if (!asset.identifiers().isEmpty()) {
                ObjectNode identifiers = sco.putObject("identifiers");
                new TreeMap<>(asset.identifiers()).forEach(identifiers::put);
            }
            Asset.Valuation valuation = asset.value();
            if (valuation != null) {
                ObjectNode value = sco.putObject("estimated_value");
                value.put("amount", decimal(valuation.amount()));
                value.put("currency", valuation.currency().getCurrencyCode());
                value.put("date", valuation.date().toString());
                if (valuation.source() != null) {
                    value.put("source", valuation.source());
                }
            }
            if (asset.jurisdiction() != null) {
                sco.put("jurisdiction", asset.jurisdiction());
            }
            if (!asset.history().isEmpty()) {
                ArrayNode history = sco.putArray("status_history");
                for (Asset.Step step : asset.history()) {
                    ObjectNode item = history.addObject();
                    item.put("status", step.status().name());
                    item.put("date", step.date().toString());
                }
            }
        }

        private ObjectNode scoHead(String type) {
            ObjectNode sco = JSON.objectNode();
            sco.put("type", type);
            sco.put("spec_version", Definitions.SPEC_VERSION);
            sco.put("id", "");
            return sco;
        }

        private ObjectNode withContentId(ObjectNode sco, int occurrence) {
            ObjectNode content = sco.deepCopy();
            content.remove("id");
            sco.put("id", StixIds.id(sco.get("type").asString(), "sco:" + notice.noticeId() + "\n"
                    + StixIds.canonical(content) + (occurrence == 0 ? "" : "\n" + occurrence)));
            return sco;
        }

        /** Attributes of an entity on a standard object, in our property extension. */
        private void attributes(ObjectNode object, Entity entity) {
            if (entity.attributes().isEmpty() && entity.ref() == null && entity.protection() == null) {
                return;
            }
            extensions.add(Extension.ENTITY);
            ObjectNode extension = object.withObjectProperty("extensions").putObject(Extension.ENTITY.id());
            extension.put("extension_type", "property-extension");
            if (entity.ref() != null) {
                extension.put("ref", entity.ref());
            }
            if (entity.protection() != null) {
                // The name is the pseudonym: a tool reading the bundle must know not to take it for a name.
                extension.put("protection", entity.protection().name());
            }
            if (!entity.attributes().isEmpty()) {
                ObjectNode attributes = extension.putObject("attributes");
                new TreeMap<>(entity.attributes()).forEach(attributes::put);
            }
        }

        private ObjectNode sdo(String type, String id) {
            ObjectNode sdo = JSON.objectNode();
            sdo.put("type", type);
            sdo.put("spec_version", Definitions.SPEC_VERSION);
            sdo.put("id", id);
            sdo.put("created_by_ref", agency);
            sdo.put("created", Definitions.CREATED_UNKNOWN);
            sdo.put("modified", StixIds.timestamp(notice.issuedAt()));
            if (notice.status() == NoticeStatus.WITHDRAWN) {
                // The report and its person, organisation and address objects: they are the notice's own (their ids
                // hold its noticeId), so the withdrawal revokes them all. Observables have no versions to revoke.
                sdo.put("revoked", true);
            }
            return sdo;
        }

        private void markings(ObjectNode object) {
            ArrayNode refs = object.putArray("object_marking_refs");
            markingRefs.forEach(refs::add);
        }
    }

    /**
     * Our marking definition of a notice's markings other than the TLP: one object per distinct combination, its id
     * derived from its content, so that every notice with the same markings refers to the same definition.
     */
    static ObjectNode markingOf(Markings markings) {
        ObjectNode extension = JSON.objectNode();
        extension.put("extension_type", "property-extension");
        extension.put("classification", markings.classification().name());
        extension.put("handling_code", markings.handlingCode().name());
        if (markings.handlingNote() != null) {
            extension.put("handling_note", markings.handlingNote());
        }
        if (!markings.releasableTo().isEmpty()) {
            ArrayNode releasable = extension.putArray("releasable_to");
            new TreeSet<>(markings.releasableTo()).forEach(releasable::add);
        }
        extension.put("dissemination", markings.dissemination().name());
        if (!markings.federation().isEmpty()) {
            ArrayNode federation = extension.putArray("federation");
            new TreeSet<>(markings.federation()).forEach(federation::add);
        }
        ObjectNode marking = JSON.objectNode();
        marking.put("type", "marking-definition");
        marking.put("spec_version", Definitions.SPEC_VERSION);
        marking.put("id", StixIds.id("marking-definition", "markings:" + StixIds.canonical(extension)));
        marking.put("created_by_ref", Definitions.EXCHANGE_IDENTITY);
        marking.put("created", Definitions.DEFINED);
        marking.put("name", "Synergie " + markings.classification() + " " + markings.handlingCode()
                + (markings.releasableTo().isEmpty() ? "" : " REL " + String.join(",", new TreeSet<>(markings.releasableTo()))));
        // The statement is for people and tools that do not know our extension (MISP shows it, OpenCTI keeps it).
        marking.put("definition_type", "statement");
        marking.putObject("definition").put("statement", statement(markings));
        marking.putObject("extensions").set(Extension.MARKINGS.id(), extension);
        return marking;
    }

    /** A handling code in words, as a statement or a handling note says it. */
    static String handlingText(HandlingCode code, String note) {
        return switch (code) {
            case H0 -> "H0: only for preventing and combating crime";
            case H1 -> "H1: not to be disclosed in judicial proceedings without the provider's permission";
            case H2 -> "H2: not to be disseminated without the provider's permission";
            case H3 -> "H3: " + note;
        };
    }

    private static String statement(Markings m) {
        String handling = handlingText(m.handlingCode(), m.handlingNote());
        return "Classification " + m.classification() + ". Handling code " + handling + "."
                + (m.releasableTo().isEmpty() ? " Releasable to every member of the region."
                : " Releasable to " + String.join(", ", new TreeSet<>(m.releasableTo())) + " only.")
                + " Hits: " + m.dissemination() + "."
                + (m.federation().isEmpty() ? "" : " May cross to " + String.join(", ", new TreeSet<>(m.federation())) + ".");
    }
}
