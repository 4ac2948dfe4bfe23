package eu.synergie.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.synergie.core.graph.Graph;

import java.util.List;
import java.util.Map;

/**
 * A graph as the API answers it: its nodes and edges. The notices behind the pointers, which the graph keeps for the
 * audit, never leave.
 *
 * @param truncated whether the node limit stopped the walk; the nodes not followed say {@code more}
 */
public record GraphView(String start, int depth, boolean truncated, List<NodeView> nodes, List<EdgeView> edges) {

    /** @param key the match key to expand an entity with; absent when it links nothing */
    public record NodeView(String id, String type, @JsonInclude(JsonInclude.Include.NON_NULL) String key, String label,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String kind, boolean more, Map<String, String> details) {
    }

    /** @param notice the notice the edge was read from; absent for a pointer's edge */
    public record EdgeView(String from, String to, String type, @JsonInclude(JsonInclude.Include.NON_NULL) String notice,
                    String label) {
    }

    static GraphView of(Graph graph) {
        return new GraphView(graph.start(), graph.depth(), graph.truncated(),
                graph.nodes().stream().map(n -> new NodeView(n.id(), n.nodeKind().name(), n.key(), n.label(), n.kind(),
                        n.more(), n.details())).toList(),
                graph.edges().stream().map(e -> new EdgeView(e.from(), e.to(), e.kind().name(),
                        e.notice() == null ? null : e.notice().toString(), e.label())).toList());
    }
}
