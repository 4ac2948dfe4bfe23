package eu.synergie.stix;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

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

    // A key given twice is read differently by different parsers: refused, as NoticeJson does.
    private static final JsonMapper STRICT = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private StixImport() {
    }

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
        StixBundle objects = StixBundle.of(bundle);
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
}
