package eu.synergie.cli;

import eu.synergie.stix.Conversion;
import eu.synergie.stix.ImportDefaults;
import eu.synergie.stix.StixImport;
import eu.synergie.stix.StixImportException;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A STIX 2.1 bundle read as the agency's notices ({@code push --format stix}, {@code convert --format stix}): one
 * notice per report, every object it could not map and every marking it could not read named on standard error, a
 * bundle that cannot be read refused with the object and property at fault.
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
        // StixImport refuses a bundle without a report: conversions is never empty here.
        for (Conversion conversion : conversions) {
            for (Conversion.Unmapped unmapped : conversion.unmapped()) {
                err.println("synergie: notice " + conversion.notice().noticeId() + ": not mapped: " + unmapped.id()
                        + " (" + unmapped.type() + "): " + unmapped.reason());
            }
            for (Conversion.Unmapped marking : conversion.unreadMarkings()) {
                err.println("synergie: notice " + conversion.notice().noticeId() + ": marking not read: " + marking.id()
                        + ": " + marking.reason() + " (the notice does not carry its protection)");
            }
        }
        return conversions;
    }

    /**
     * Refuses conversions whose notices lack a protection the bundle asked for (a marking definition that could not be
     * read), unless the agency accepted that; the refusal names every such marking.
     */
    static void requireMarkingsRead(List<Conversion> conversions, String name, boolean accepted) {
        Set<String> unread = new TreeSet<>();
        conversions.forEach(c -> c.unreadMarkings().forEach(m -> unread.add(m.id())));
        if (!unread.isEmpty() && !accepted) {
            throw new CliFailure(ExitCode.USAGE, name + ": not pushed: marking" + (unread.size() == 1 ? " " : "s ")
                    + String.join(", ", unread) + " cannot be read, so the notices would not carry " + (unread.size() == 1
                    ? "its" : "their") + " protection; review with synergie convert, then push with "
                    + "--accept-unmapped-markings if the agency's own markings suffice");
        }
    }
}
