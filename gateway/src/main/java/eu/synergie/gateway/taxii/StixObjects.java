package eu.synergie.gateway.taxii;

import eu.synergie.core.index.FetchedNotice;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The STIX 2.1 objects a notice is exported as: its {@code report} first, then the objects the report refers to, and
 * the marking and extension definitions they use. The mapping itself belongs to the {@code stix} module; the TAXII
 * server only needs it to be deterministic: the same notice version always gives the same objects, in the same order,
 * with the same ids, since the server pages through them by position.
 */
public interface StixObjects {

    List<ObjectNode> objectsOf(FetchedNotice notice);
}
