package eu.synergie.cli;

import eu.synergie.stix.Conversion;
import eu.synergie.stix.ImportDefaults;
import eu.synergie.stix.StixImport;
import eu.synergie.stix.StixImportException;

import java.io.PrintStream;
import java.util.List;

/**
 * A STIX 2.1 bundle read as the agency's notices ({@code push --format stix}, {@code convert --format stix}): one
 * notice per report, every object it could not map named on standard error, a bundle that cannot be read refused
 * with the object and property at fault.
 */
final class StixBundles {

    /** The formats a feed can be given in. */
    static final String NOTICES = "notices";
    static final String STIX = "stix";

    private StixBundles() {
    }

    static boolean isStix(String format) {
        if (format == null || NOTICES.equals(format)) {
            return false;
        }
        if (STIX.equals(format)) {
            return true;
        }
        throw new CliFailure(ExitCode.USAGE, "--format must be notices or stix");
    }

    static List<Conversion> convert(byte[] bundle, String name, String agency, String region, PrintStream err) {
        ImportDefaults defaults;
        try {
            defaults = ImportDefaults.of(agency, region);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, e.getMessage());
        }
        List<Conversion> conversions;
        try {
            conversions = StixImport.convert(bundle, defaults);
        } catch (StixImportException e) {
            throw new CliFailure(ExitCode.USAGE, name + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // A value the notice model refuses (a title too long…): named as the model names it.
            throw new CliFailure(ExitCode.USAGE, name + ": " + e.getMessage());
        }
        if (conversions.isEmpty()) {
            throw new CliFailure(ExitCode.USAGE, name + " holds no report (nor grouping): nothing to make a notice of");
        }
        for (Conversion conversion : conversions) {
            for (Conversion.Unmapped unmapped : conversion.unmapped()) {
                err.println("synergie: notice " + conversion.notice().noticeId() + ": not mapped: " + unmapped.id()
                        + " (" + unmapped.type() + "): " + unmapped.reason());
            }
        }
        return conversions;
    }
}
