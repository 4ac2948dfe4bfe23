package eu.synergie.gateway.taxii;

import eu.synergie.core.index.ExportIds;
import eu.synergie.core.index.FetchedNotice;
import eu.synergie.stix.StixExport;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;

/**
 * The {@code stix} module's export, as the TAXII server reads it and as the indexer records its ids: one mapping, so
 * that the ids found in the index are those of the objects served.
 */
@Component
class StixExportObjects implements StixObjects, ExportIds {

    @Override
    public List<ObjectNode> objectsOf(FetchedNotice notice) {
        return StixExport.objectsOf(notice);
    }

    @Override
    public Collection<String> of(FetchedNotice notice) {
        return objectsOf(notice).stream().map(object -> object.path("id").asString()).distinct().toList();
    }
}
