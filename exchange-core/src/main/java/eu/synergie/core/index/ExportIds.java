package eu.synergie.core.index;

import java.util.Collection;
import java.util.List;

/**
 * The ids of the objects a notice is exported as (its STIX objects), recorded with the notice when it is indexed, so
 * that a {@link NoticeFeed} can find the notices that hold a given object without exporting every notice. The ids of
 * an export are deterministic (the same notice version always gives the same ids), which is what makes recording
 * them sound.
 */
@FunctionalInterface
public interface ExportIds {

    /** Records nothing: such notices are read whole by whoever looks for an object. */
    ExportIds NONE = notice -> List.of();

    Collection<String> of(FetchedNotice notice);
}
