package eu.synergie.core.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The notice's JSON form (DESIGN.md, "Notice"), read strictly: unknown or repeated fields, wrong enum values
 * and broken rules are refused with a message that names the field. The JSON types stay here, apart from
 * the domain records.
 */
public final class NoticeJson {

    // A key given twice is read differently by different parsers: refused, like an unknown one.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private NoticeJson() {
    }

    public static Notice read(byte[] json) {
        Document document;
        try {
            document = MAPPER.readValue(json, Document.class);
        } catch (JacksonException e) {
            throw new InvalidNoticeException("notice is not valid JSON for the notice schema: " + where(e));
        }
        if (document == null) {
            throw new InvalidNoticeException("notice is empty");
        }
        try {
            return document.toNotice();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidNoticeException(e.getMessage());
        }
    }

    /**
     * Where the JSON went wrong, never what it held: Jackson's own message quotes the values it could not read, and
     * this reason is kept in clear with the dead letter, read by trust administrators who may not read the notice.
     */
    static String where(JacksonException e) {
        String kind = e instanceof StreamReadException ? "malformed JSON" : "a value of the wrong shape or an unknown property";
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            String name = reference.getPropertyName();
            if (name != null) {
                path.append(path.isEmpty() ? "" : ".").append(name.replaceAll("[^\\w-]", "?"));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        String at = path.isEmpty() ? "" : " at " + path;
        var location = e.getLocation();
        String position = location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return kind + at + position;
    }

    /**
     * The notice as JSON. Sets and attribute maps are written sorted: the records hold them as {@code Set.copyOf} and
     * {@code Map.copyOf}, whose iteration order changes from one JVM start to the next, and the same notice must give
     * the same bytes every time (a push's resume file knows a notice by the digest of these bytes). The signature is
     * over the bytes the agency sealed, whatever their order, so the order is free to fix.
     */
    public static byte[] write(Notice notice) {
        return MAPPER.writeValueAsBytes(Document.of(notice));
    }

    record Document(String noticeId, String originAgency, String region, String type, String title, String summary,
                    String language, String issuedAt, String validUntil, String classification, String handlingCode,
                    String handlingNote, String tlp, List<String> releasableTo, String dissemination,
                    List<String> federation, String sourceReliability, String infoReliability, String caseRef, List<EntityDocument> entities,
                    @JsonInclude(JsonInclude.Include.NON_NULL) List<RelationDocument> relations,
                    @JsonInclude(JsonInclude.Include.NON_NULL) RequestDocument request,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String replyTo, Integer version, String status) {

        Notice toNotice() {
            Markings markings = new Markings(required(region, "region"), required(originAgency, "originAgency"),
                    enumOf(Classification.class, classification, "classification"),
                    enumOf(HandlingCode.class, handlingCode, "handlingCode"), handlingNote,
                    Tlp.ofLabel(required(tlp, "tlp")),
                    releasableTo == null ? null : new LinkedHashSet<>(releasableTo),
                    enumOf(Dissemination.class, dissemination, "dissemination"),
                    federation == null ? null : new LinkedHashSet<>(federation));
            List<Entity> parsed = new ArrayList<>();
            if (entities != null) {
                for (EntityDocument entity : entities) {
                    parsed.add(new Entity(enumOf(EntityKind.class, entity.kind(), "entities.kind"), entity.value(),
                            entity.attributes(), entity.ref(), entity.asset() == null ? null : entity.asset().toAsset(),
                            entity.protection() == null ? null : entity.protection().toRole()));
                }
            }
            List<Ownership> owned = relations == null ? List.of()
                    : relations.stream().map(RelationDocument::toOwnership).toList();
            return new Notice(uuid(noticeId), enumOf(NoticeType.class, type, "type"), title, summary, language,
                    instant(issuedAt, "issuedAt"), validUntil == null ? null : instant(validUntil, "validUntil"),
                    markings, sourceReliability, infoReliability, caseRef, parsed, owned,
                    request == null ? null : request.toRequest(), replyTo == null ? null : uuid(replyTo, "replyTo"),
                    version == null ? 1 : version,
                    status == null ? NoticeStatus.ACTIVE : enumOf(NoticeStatus.class, status, "status"));
        }

        static Document of(Notice n) {
            Markings m = n.markings();
            return new Document(n.noticeId().toString(), m.originAgency(), m.region(), n.type().name(), n.title(),
                    n.summary(), n.language(), n.issuedAt().toString(),
                    n.validUntil() == null ? null : n.validUntil().toString(), m.classification().name(),
                    m.handlingCode().name(), m.handlingNote(), m.tlp().label(), List.copyOf(new TreeSet<>(m.releasableTo())),
                    m.dissemination().name(), m.federation().isEmpty() ? null : List.copyOf(new TreeSet<>(m.federation())),
                    n.sourceReliability(), n.infoReliability(), n.caseRef(),
                    n.entities().stream().map(e -> new EntityDocument(e.kind().name(), e.value(),
                            new TreeMap<>(e.attributes()), e.ref(),
                            e.asset() == null ? null : AssetDocument.of(e.asset()),
                            e.protection() == null ? null : new ProtectionDocument(e.protection().name(), null))).toList(),
                    n.relations().isEmpty() ? null : n.relations().stream().map(RelationDocument::of).toList(),
                    n.request() == null ? null : RequestDocument.of(n.request()),
                    n.replyTo() == null ? null : n.replyTo().toString(), n.version(), n.status().name());
        }
    }

    // Absent rather than null when not used: the bytes of a notice without assets stay those of earlier versions.
    record EntityDocument(String kind, String value, Map<String, String> attributes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String ref,
                          @JsonInclude(JsonInclude.Include.NON_NULL) AssetDocument asset,
                          @JsonInclude(JsonInclude.Include.NON_NULL) ProtectionDocument protection) {
    }

    /**
     * A protected person's role. {@code localId} is the agency's own id for the person, which only its tooling reads
     * (to make the pseudonym) and removes before sealing: named here so that a notice that still carries it is refused
     * with the reason rather than as an unknown property.
     */
    record ProtectionDocument(String role, @JsonInclude(JsonInclude.Include.NON_NULL) String localId) {

        ProtectedRole toRole() {
            if (localId != null) {
                throw new IllegalArgumentException("entities.protection.localId is the agency's own and never leaves it: "
                        + "pseudonymise the protected person before sealing");
            }
            return enumOf(ProtectedRole.class, role, "entities.protection.role");
        }
    }

    record AssetDocument(String type, Map<String, String> identifiers, ValueDocument value, String jurisdiction,
                         List<StepDocument> status) {

        Asset toAsset() {
            List<Asset.Step> steps = new ArrayList<>();
            if (status != null) {
                for (StepDocument step : status) {
                    steps.add(new Asset.Step(enumOf(AssetStatus.class, step.status(), "asset.status.status"),
                            date(step.date(), "asset.status.date")));
                }
            }
            return new Asset(enumOf(AssetType.class, type, "asset.type"),
                    identifiers == null ? null : new TreeMap<>(identifiers),
                    value == null ? null : new Asset.Valuation(value.amount(), currency(value.currency()),
                            date(value.date(), "asset.value.date"), value.source()),
                    jurisdiction, steps);
        }

        static AssetDocument of(Asset asset) {
            Asset.Valuation v = asset.value();
            return new AssetDocument(asset.type().name(),
                    asset.identifiers().isEmpty() ? null : new TreeMap<>(asset.identifiers()),
                    v == null ? null : new ValueDocument(v.amount(), v.currency().getCurrencyCode(), v.date().toString(),
                            v.source()),
                    asset.jurisdiction(), asset.history().isEmpty() ? null : asset.history().stream()
                            .map(s -> new StepDocument(s.status().name(), s.date().toString())).toList());
        }
    }

    record RequestDocument(String grounds, List<String> jurisdictions, String replyBy) {

        TracingRequest toRequest() {
            return new TracingRequest(grounds, jurisdictions == null ? null : new LinkedHashSet<>(jurisdictions),
                    date(replyBy, "request.replyBy"));
        }

        static RequestDocument of(TracingRequest r) {
            return new RequestDocument(r.grounds(), List.copyOf(new TreeSet<>(r.jurisdictions())), r.replyBy().toString());
        }
    }

    record ValueDocument(java.math.BigDecimal amount, String currency, String date, String source) {
    }

    record StepDocument(String status, String date) {
    }

    record RelationDocument(String owner, String owned, String kind, java.math.BigDecimal share, String from, String to) {

        Ownership toOwnership() {
            return new Ownership(owner, owned, enumOf(Ownership.Kind.class, kind, "relations.kind"), share,
                    from == null ? null : date(from, "relations.from"), to == null ? null : date(to, "relations.to"));
        }

        static RelationDocument of(Ownership o) {
            return new RelationDocument(o.owner(), o.owned(), o.kind().name(), o.share(),
                    o.from() == null ? null : o.from().toString(), o.to() == null ? null : o.to().toString());
        }
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(required(value, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 date such as 2026-11-28");
        }
    }

    private static Currency currency(String code) {
        try {
            return Currency.getInstance(required(code, "asset.value.currency"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("asset.value.currency must be an ISO 4217 code such as EUR");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static UUID uuid(String value) {
        return uuid(value, "noticeId");
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(required(value, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be a UUID");
        }
    }

    private static Instant instant(String value, String field) {
        try {
            return Instant.parse(required(value, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-11-28T10:00:00Z");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        String name = required(value, field);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
