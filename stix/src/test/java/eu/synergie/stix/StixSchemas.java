package eu.synergie.stix;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates STIX objects against the OASIS STIX 2.1 JSON schemas (copied in the test resources, with their
 * licence) and ours (in the main resources), without the network: the schemas' {@code $id} URLs are mapped to the
 * copies on the class path. Each object is validated against the schema of its type; an object of one of our
 * new-SCO types against our schema, which includes the OASIS cyber-observable core; each of our property extensions
 * against its own schema too. Shared with bench's test of the load generator (test jar).
 */
public final class StixSchemas {

    private static final String OASIS = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

    private static final Set<String> SDOS = Set.of("attack-pattern", "campaign", "course-of-action", "grouping",
            "identity", "incident", "indicator", "infrastructure", "intrusion-set", "location", "malware",
            "malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability");
    private static final Set<String> SROS = Set.of("relationship", "sighting");
    private static final Set<String> COMMON = Set.of("marking-definition", "extension-definition", "language-content", "bundle");
    private static final Set<String> OBSERVABLES = Set.of("artifact", "autonomous-system", "directory", "domain-name",
            "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic",
            "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)
                    .schemaIdResolvers(ids -> ids
                            .mapPrefix(OASIS, "classpath:oasis-stix2.1-json-schemas/schemas/")
                            .mapPrefix(OASIS.replace("http:", "https:"), "classpath:oasis-stix2.1-json-schemas/schemas/")
                            .mapPrefix(Definitions.SCHEMA_BASE, "classpath:eu/synergie/stix/schemas/"))));

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private StixSchemas() {
    }

    /** What is wrong with the object, one line per error, each naming the object's id; empty when it validates. */
    public static List<String> problems(JsonNode object) {
        String type = object.path("type").asString("");
        String id = object.path("id").asString("(no id)");
        List<String> out = new ArrayList<>();
        for (Error error : schemaOf(type).validate(object)) {
            out.add(id + ": " + error);
        }
        // Our property extensions, wherever they are, against their own schemas.
        JsonNode extensions = object.path("extensions");
        for (Definitions.Extension extension : Definitions.Extension.values()) {
            if (!extension.newSco() && extensions.has(extension.id())) {
                for (Error error : schema(extension.schemaUrl()).validate(extensions.get(extension.id()))) {
                    out.add(id + " extension " + extension.name + ": " + error);
                }
            }
        }
        return out;
    }

    /** The problems of every object of a bundle, and of the bundle's own envelope. */
    public static List<String> bundleProblems(JsonNode bundle) {
        List<String> out = new ArrayList<>();
        // The envelope against bundle.json, with one object: the schema's "oneOf" over core and cyber-observable-core
        // for custom types matches an extension-definition twice, so objects are checked by their own type below.
        var envelope = bundle.deepCopy();
        if (envelope.isObject() && bundle.path("objects").isArray() && !bundle.path("objects").isEmpty()) {
            ((tools.jackson.databind.node.ObjectNode) envelope).putArray("objects").add(bundle.path("objects").get(0));
        }
        for (Error error : schemaOf("bundle").validate(envelope)) {
            out.add("bundle: " + error);
        }
        for (JsonNode object : bundle.path("objects")) {
            out.addAll(problems(object));
        }
        return out;
    }

    private static Schema schemaOf(String type) {
        if (SDOS.contains(type)) {
            return schema(OASIS + "sdos/" + type + ".json");
        }
        if (SROS.contains(type)) {
            return schema(OASIS + "sros/" + type + ".json");
        }
        if (COMMON.contains(type)) {
            return schema(OASIS + "common/" + type + ".json");
        }
        if (OBSERVABLES.contains(type)) {
            return schema(OASIS + "observables/" + type + ".json");
        }
        return Definitions.Extension.byType(type).map(e -> schema(e.schemaUrl()))
                .orElseThrow(() -> new IllegalArgumentException("no schema for STIX type " + type));
    }

    private static Schema schema(String url) {
        return SCHEMAS.computeIfAbsent(url, u -> REGISTRY.getSchema(SchemaLocation.of(u)));
    }
}
