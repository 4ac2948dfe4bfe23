package eu.synergie.stix;

import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.NoticeStatus;
import eu.synergie.core.notice.NoticeType;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.notice.TracingRequest;
import eu.synergie.stix.Conversion.Unmapped;
import eu.synergie.stix.Definitions.Extension;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static eu.synergie.stix.StixFields.instant;
import static eu.synergie.stix.StixFields.optionalText;
import static eu.synergie.stix.StixFields.requiredText;
import static eu.synergie.stix.StixFields.textSet;

/** One report of a bundle and what it refers to, as one notice of the importing agency. */
final class ReportConversion {

    private static final String NOTICE_PATH = "extensions." + Extension.NOTICE.id();

    /** A noticeId as our export writes it (the synergie-notice schema's pattern). */
    private static final Pattern NOTICE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final StixBundle bundle;
    private final JsonNode report;
    private final String reportId;
    private final ImportDefaults defaults;
    private final List<Unmapped> unmapped = new ArrayList<>();
    private final ReportMarkings markings;
    private final ReportEntities entities;

    ReportConversion(StixBundle bundle, JsonNode report, ImportDefaults defaults) {
        this.bundle = bundle;
        this.report = report;
        this.reportId = report.get("id").asString();
        this.defaults = defaults;
        this.markings = new ReportMarkings(bundle, reportId, defaults, unmapped);
        this.entities = new ReportEntities(bundle, reportId, markings, unmapped);
    }

    Conversion convert() {
        String title = requiredText(report, reportId, "name");
        String summary = optionalText(report, reportId, "description");
        Instant issuedAt = issuedAt();
        JsonNode notice = report.path("extensions").path(Extension.NOTICE.id());
        markings.read(report, reportId);
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
            entities.refer(object);
        }
        List<Ownership> relations = entities.relations();
        Markings marked = markings.markings();
        Notice converted;
        try {
            converted = new Notice(noticeId(), type(), title, summary, language(), issuedAt,
                    instant(notice, reportId, "valid_until", "extensions." + Extension.NOTICE.id() + ".valid_until"),
                    marked, grading(notice, "source_reliability"), grading(notice, "info_reliability"),
                    caseRef(creator), entities.entities(), relations, request(notice), replyTo(notice), version(notice),
                    report.path("revoked").asBoolean(false) ? NoticeStatus.WITHDRAWN : NoticeStatus.ACTIVE);
        } catch (IllegalArgumentException e) {
            throw new StixImportException(reportId, propertyOf(e.getMessage()), e.getMessage());
        }
        return new Conversion(converted, unmapped, markings.unread());
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
            Instant instant = instant(report, reportId, property, property);
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
