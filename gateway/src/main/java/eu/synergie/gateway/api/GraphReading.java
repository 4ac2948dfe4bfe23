package eu.synergie.gateway.api;

import eu.synergie.core.graph.EntityNetwork;
import eu.synergie.core.graph.Graph;
import eu.synergie.core.policy.Caller;
import eu.synergie.gateway.audit.ConsultationAudit;
import org.springframework.stereotype.Component;

/**
 * Every graph of the network behind the notices, for the API and the web UI alike: the purpose required, the graph
 * built within the caller's reading, and audited as the search it is, its pointers as disclosures.
 */
@Component
public class GraphReading {

    private final EntityNetwork network;
    private final ConsultationAudit audit;

    GraphReading(EntityNetwork network, ConsultationAudit audit) {
        this.network = network;
        this.audit = audit;
    }

    /** @throws InvalidQueryException when the entity is no key the graph follows, or a limit is out of bounds */
    public Graph around(Caller analyst, String purpose, String entity, int depth, int nodes) {
        String why = NoticeReading.requirePurpose(purpose);
        Graph graph;
        try {
            graph = network.around(analyst, entity, depth, nodes);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(e.getMessage());
        }
        audit.graphed(analyst, why, graph, nodes);
        return graph;
    }

    /** The same graph as the API answers it: what a page may hand its script. */
    public GraphView view(Caller analyst, String purpose, String entity, int depth, int nodes) {
        return GraphView.of(around(analyst, purpose, entity, depth, nodes));
    }
}
