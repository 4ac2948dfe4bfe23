package eu.synergie.core.graph;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The entities and notices around a start entity, as the caller may see them.
 *
 * @param start     the start entity's match key
 * @param depth     how many notice hops were followed
 * @param nodes     notices, entities and pointers, the start first
 * @param edges     "appears in", ownership and "held by" relations between them
 * @param truncated whether the node limit stopped the walk (the nodes it did not follow say {@link Node#more()})
 * @param read      every notice the graph shows, for the audit
 * @param pointedAt the notices behind the pointers: never shown, for the audit (a pointer is a disclosure)
 */
public record Graph(String start, int depth, List<Node> nodes, List<Edge> edges, boolean truncated, List<UUID> read,
                    List<UUID> pointedAt) {

    public Graph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        read = List.copyOf(read);
        pointedAt = List.copyOf(pointedAt);
    }

    /** What a node stands for. */
    public enum NodeKind {
        /** A notice the caller may read. */
        NOTICE,
        /** A person, phone, account, company… named in notices the caller may read. */
        ENTITY,
        /** Another agency holds something under a key of the graph: its holder and case reference, nothing else. */
        POINTER
    }

    /** What an edge says. */
    public enum EdgeKind {
        /** The entity (from) is named in the notice (to). */
        APPEARS_IN,
        /** The owner (from) owns the asset or company (to), as the notice says. */
        OWNS,
        /** The entity (from) is also held by the pointer's agency (to). */
        HELD_BY
    }

    /**
     * One node.
     *
     * @param id      stable within the graph; for an entity that correlates across notices, {@code key:} and its
     *                match key, which is what to expand it with
     * @param key     the match key to expand an entity with (another graph from it); null when it correlates with
     *                nothing (an address, a plate, a person without birth date, a protected person)
     * @param label   a notice's title, an entity's value, a pointer's holder agency
     * @param kind    for an entity, its {@link eu.synergie.core.notice.EntityKind} (and its asset type for an asset)
     * @param more    whether notices the caller may read hold this entity beyond those shown (depth or node limit)
     * @param details what else the caller may see of it: a notice's agency, region, type, case reference,
     *                classification and date; an entity's birth date or protection role; a pointer's case reference
     */
    public record Node(String id, NodeKind nodeKind, String key, String label, String kind, boolean more,
                       Map<String, String> details) {

        public Node {
            details = Map.copyOf(details);
        }

        Node withMore() {
            return new Node(id, nodeKind, key, label, kind, true, details);
        }
    }

    /**
     * One edge.
     *
     * @param notice the notice it was read from (null for a pointer's edge: that notice is never shown)
     * @param label  the entity's ref in the notice, or the ownership's kind and share
     */
    public record Edge(String from, String to, EdgeKind kind, UUID notice, String label) {
    }
}
