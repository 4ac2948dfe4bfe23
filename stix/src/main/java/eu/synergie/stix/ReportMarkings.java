package eu.synergie.stix;

import eu.synergie.core.notice.Classification;
import eu.synergie.core.notice.Dissemination;
import eu.synergie.core.notice.HandlingCode;
import eu.synergie.core.notice.Markings;
import eu.synergie.core.notice.Tlp;
import eu.synergie.stix.Conversion.Unmapped;
import eu.synergie.stix.Definitions.Extension;
import eu.synergie.stix.Definitions.Tlp1;
import eu.synergie.stix.Definitions.Tlp2;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static eu.synergie.stix.StixFields.enumOf;
import static eu.synergie.stix.StixFields.optionalText;
import static eu.synergie.stix.StixFields.textSet;

/**
 * The markings of one report and of every object it refers to, folded into the one set of markings its notice carries:
 * the strictest TLP wins, a statement or a restrictive PAP becomes handling code H3 with its words in the note, a
 * marking we cannot find or a TLP of no known level is an error, and one we cannot read is listed apart.
 */
final class ReportMarkings {

    private final StixBundle bundle;
    private final String reportId;
    private final ImportDefaults defaults;
    /** Shared with the report's conversion: what a notice has no place for. */
    private final List<Unmapped> unmapped;
    private final List<Unmapped> unreadMarkings = new ArrayList<>();
    private final Set<String> markingsRead = new LinkedHashSet<>();
    private final Set<Tlp> tlps = new LinkedHashSet<>();
    /** Restrictions of markings with no field of their own in a notice (statements, PAP), by marking id. */
    private final Map<String, String> restrictions = new LinkedHashMap<>();
    private JsonNode synergieMarking;
    private String synergieMarkingId;

    ReportMarkings(StixBundle bundle, String reportId, ImportDefaults defaults, List<Unmapped> unmapped) {
        this.bundle = bundle;
        this.reportId = reportId;
        this.defaults = defaults;
        this.unmapped = unmapped;
    }

    /** Markings found and not read: for the agency to decide on, never dropped silently. */
    List<Unmapped> unread() {
        return unreadMarkings;
    }

    /** The markings an object carries, by reference or granular, added to what the notice will carry. */
    void read(JsonNode object, String id) {
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

    /** The notice's markings from every marking read, on top of the agency's defaults. */
    Markings markings() {
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
}
