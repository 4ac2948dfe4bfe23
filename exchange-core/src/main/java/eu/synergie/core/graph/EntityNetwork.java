package eu.synergie.core.graph;

import eu.synergie.core.index.FetchedNotice;
import eu.synergie.core.index.NoticeIndex;
import eu.synergie.core.matching.HolderLookup;
import eu.synergie.core.matching.MatchKeys;
import eu.synergie.core.notice.Entity;
import eu.synergie.core.notice.Notice;
import eu.synergie.core.notice.Ownership;
import eu.synergie.core.policy.AccessPolicy;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.ReadScope;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The network behind the notices: from a start entity, the notices the caller may read that name it, the entities
 * those name, the notices that name those, and so on, breadth first, with the ownerships the notices state. Across
 * notices an entity is the same one where its match keys agree ({@link MatchKeys}: the hits' rule), so a phone or an
 * account links two agencies' notices and a person links them only by name and birth date.
 * <p>
 * Every notice comes from the index's scoped lookup, the access filter inside the query, and is checked again against
 * the policy, so no node or edge can come from a notice the caller may not read. What other agencies hold under the
 * graph's keys is told as pointers, by {@link HolderLookup}, exactly as a hit would tell the caller's agency: holder
 * and case reference for a POINTER notice or a FULL one not released to it, nothing for a SILENT one. A protected
 * person is shown by the pseudonym the notice carries and links nothing.
 * <p>
 * Limits are told, never silent: an entity whose notices were not all followed (depth, node limit, or a lookup that
 * met its size) says {@code more}, and a graph the node limit stopped says so.
 */
public final class EntityNetwork {

    /** The most notice hops followed. */
    public static final int MAX_DEPTH = 3;
    /** The most nodes one graph holds. */
    public static final int MAX_NODES = 500;
    /** The most notices one lookup of the walk reads. */
    static final int NOTICES_PER_LOOKUP = 200;

    private final NoticeIndex index;
    private final AccessPolicy policy;
    private final HolderLookup holders;

    public EntityNetwork(NoticeIndex index, AccessPolicy policy, HolderLookup holders) {
        this.index = Objects.requireNonNull(index, "index");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.holders = Objects.requireNonNull(holders, "holders");
    }

    /**
     * The graph around {@code entity} ({@code KIND:value}, see {@link StartKey}).
     *
     * @throws IllegalArgumentException when the entity is no key the graph can follow, or depth or node limit are out
     *                                  of bounds
     */
    public Graph around(Caller caller, String entity, int depth, int maxNodes) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be between 1 and " + MAX_DEPTH);
        }
        if (maxNodes < 2 || maxNodes > MAX_NODES) {
            throw new IllegalArgumentException("nodes must be between 2 and " + MAX_NODES);
        }
        String start = StartKey.of(entity, caller.agency());
        return new Walk(caller, maxNodes).from(start, depth);
    }

    /** One graph's state: the nodes so far, which keys were looked up, which notices were read. */
    private final class Walk {

        private final Caller caller;
        private final ReadScope scope;
        private final int maxNodes;
        private final Map<String, Graph.Node> nodes = new LinkedHashMap<>();
        private final Map<String, String> nodeOfKey = new HashMap<>();
        private final List<Graph.Edge> edges = new ArrayList<>();
        private final Map<UUID, Notice> read = new LinkedHashMap<>();
        private final Set<String> lookedUp = new LinkedHashSet<>();
        private final Set<String> incomplete = new LinkedHashSet<>();
        /** The start's node: first in the graph, whatever joins it. */
        private String startNode;
        /** The start node until a notice names it: it knows only the key the analyst gave. */
        private String unnamed;
        /** The keys named in the notices shown: the only ones others' holdings are looked up for. */
        private final Set<String> named = new LinkedHashSet<>();
        private boolean truncated;

        Walk(Caller caller, int maxNodes) {
            this.caller = caller;
            this.scope = policy.scopeOf(caller);
            this.maxNodes = maxNodes;
        }

        Graph from(String start, int depth) {
            nodes.put(idOf(start), new Graph.Node(idOf(start), Graph.NodeKind.ENTITY, start, labelOf(start),
                    start.substring(0, start.indexOf(':')), false, Map.of()));
            nodeOfKey.put(start, idOf(start));
            startNode = idOf(start);
            unnamed = startNode;
            if (scope.isEmpty()) {
                // No analyst: nothing is read, and nothing pointed at.
                return new Graph(start, depth, List.copyOf(nodes.values()), edges, false, List.of(), List.of());
            }
            Set<String> frontier = new LinkedHashSet<>(List.of(start));
            for (int hop = 1; hop <= depth && !frontier.isEmpty() && !truncated; hop++) {
                frontier = follow(frontier);
            }
            markMore();
            List<UUID> pointedAt = pointers();
            return new Graph(start, depth, List.copyOf(nodes.values()), edges, truncated, List.copyOf(read.keySet()), pointedAt);
        }

        /** Reads the notices holding the keys, adds those not yet shown; answers the keys they bring. */
        private Set<String> follow(Set<String> keys) {
            lookedUp.addAll(keys);
            List<FetchedNotice> fetched = index.holding(keys, scope, NOTICES_PER_LOOKUP);
            if (fetched.size() >= NOTICES_PER_LOOKUP) {
                incomplete.addAll(keys);
            }
            List<Notice> found = permitted(fetched);
            Set<String> next = new LinkedHashSet<>();
            for (Notice notice : found) {
                if (read.containsKey(notice.noticeId())) {
                    continue;
                }
                if (nodes.size() + 1 + newNodes(notice) > maxNodes) {
                    truncated = true;
                    keysOf(notice).stream().filter(keys::contains).forEach(incomplete::add);
                    continue;
                }
                next.addAll(add(notice));
            }
            next.removeAll(lookedUp);
            return next;
        }

        private List<Notice> permitted(List<FetchedNotice> fetched) {
            // The scoped query is the rule; the policy again, one by one, is the belt to its braces.
            return fetched.stream().map(FetchedNotice::notice).filter(n -> policy.decide(caller, n.markings()).permitted())
                    .toList();
        }

        /** Adds the notice, its entities and relations; answers the entities' keys. */
        private Set<String> add(Notice notice) {
            read.put(notice.noticeId(), notice);
            String noticeNode = "notice:" + notice.noticeId();
            nodes.put(noticeNode, new Graph.Node(noticeNode, Graph.NodeKind.NOTICE, null, notice.title(), notice.type().name(),
                    false, noticeDetails(notice)));
            Map<String, String> nodeOfRef = new HashMap<>();
            Set<String> keys = new LinkedHashSet<>();
            for (int i = 0; i < notice.entities().size(); i++) {
                Entity entity = notice.entities().get(i);
                String ref = entity.ref() == null ? "#" + i : entity.ref();
                String node = entityNode(notice, entity, ref);
                nodeOfRef.put(ref, node);
                edges.add(new Graph.Edge(node, noticeNode, Graph.EdgeKind.APPEARS_IN, notice.noticeId(), ref));
                keys.addAll(MatchKeys.of(entity, notice.originAgency()));
            }
            named.addAll(keys);
            for (Ownership relation : notice.relations()) {
                String owner = nodeOfRef.get(relation.owner());
                String owned = nodeOfRef.get(relation.owned());
                if (owner != null && owned != null) {
                    edges.add(new Graph.Edge(owner, owned, Graph.EdgeKind.OWNS, notice.noticeId(), relation.kind().name()
                            + (relation.share() == null ? "" : " " + relation.share().stripTrailingZeros().toPlainString() + " %")));
                }
            }
            return keys;
        }

        /**
         * The entity's node: the one its keys already have, or a new one (local to the notice when it has no key). An
         * entity whose keys have two nodes (an IMO here, an MMSI there, both in this notice) joins them: one vessel.
         */
        private String entityNode(Notice notice, Entity entity, String ref) {
            List<String> keys = MatchKeys.of(entity, notice.originAgency());
            List<String> existing = keys.stream().map(nodeOfKey::get).filter(Objects::nonNull).distinct().toList();
            String node;
            if (existing.isEmpty()) {
                node = keys.isEmpty() ? "entity:" + notice.noticeId() + "#" + ref : idOf(keys.getFirst());
                nodes.put(node, new Graph.Node(node, Graph.NodeKind.ENTITY, keys.isEmpty() ? null : keys.getFirst(),
                        entity.value(), kindOf(entity), false, entityDetails(entity)));
            } else {
                // The start keeps its place (first) and its id; otherwise the node met first.
                node = existing.contains(startNode) ? startNode : existing.getFirst();
                for (String other : existing) {
                    if (!other.equals(node)) {
                        join(node, other);
                    }
                }
            }
            if (node.equals(unnamed)) {
                // The first notice naming the start gives it the label and details written there.
                Graph.Node known = nodes.get(node);
                nodes.put(node, new Graph.Node(node, known.nodeKind(), known.key(), entity.value(), kindOf(entity),
                        known.more(), entityDetails(entity)));
                unnamed = null;
            }
            for (String key : keys) {
                nodeOfKey.put(key, node);
            }
            return node;
        }

        /** Makes {@code other} part of {@code node}: its edges and keys move over, it goes. */
        private void join(String node, String other) {
            nodes.remove(other);
            nodeOfKey.replaceAll((key, id) -> id.equals(other) ? node : id);
            edges.replaceAll(e -> e.from().equals(other) || e.to().equals(other)
                    ? new Graph.Edge(e.from().equals(other) ? node : e.from(), e.to().equals(other) ? node : e.to(), e.kind(),
                    e.notice(), e.label()) : e);
            if (other.equals(unnamed)) {
                unnamed = null;
            }
        }

        private int newNodes(Notice notice) {
            int count = 0;
            for (Entity entity : notice.entities()) {
                if (MatchKeys.of(entity, notice.originAgency()).stream().noneMatch(nodeOfKey::containsKey)) {
                    count++;
                }
            }
            return count;
        }

        /**
         * Marks the entities whose notices were not all shown: those met at the last hop or cut by the node limit, when
         * a lookup finds notices the caller may read beyond the graph's, and those a lookup could not read whole.
         */
        private void markMore() {
            Set<String> pending = new LinkedHashSet<>(nodeOfKey.keySet());
            pending.removeAll(lookedUp);
            pending.addAll(incomplete);
            if (pending.isEmpty()) {
                return;
            }
            List<FetchedNotice> fetched = index.holding(pending, scope, NOTICES_PER_LOOKUP);
            List<Notice> beyond = permitted(fetched);
            Set<String> more = new LinkedHashSet<>(incomplete);
            if (fetched.size() >= NOTICES_PER_LOOKUP) {
                more.addAll(pending);
            }
            beyond.stream().filter(n -> !read.containsKey(n.noticeId()))
                    .forEach(n -> keysOf(n).stream().filter(pending::contains).forEach(more::add));
            more.stream().map(nodeOfKey::get).filter(Objects::nonNull).distinct()
                    .forEach(node -> nodes.put(node, nodes.get(node).withMore()));
        }

        /**
         * Adds the pointers for the keys the notices shown name, within the node limit; answers the notices they stand
         * for. Not for a key only the analyst typed: the graph would answer "who holds this value?" for anything, which
         * hits never do (they tell an agency only about values of its own notices).
         */
        private List<UUID> pointers() {
            if (named.isEmpty()) {
                return List.of();
            }
            HolderLookup.Pointers found = holders.pointers(named, caller);
            Set<UUID> pointedAt = new LinkedHashSet<>();
            for (HolderLookup.Pointer pointer : found.pointers()) {
                String node = "pointer:" + pointer.holderAgency() + ":" + (pointer.caseRef() == null ? "" : pointer.caseRef());
                if (!nodes.containsKey(node)) {
                    if (nodes.size() >= maxNodes) {
                        truncated = true;
                        nodes.put(nodeOfKey.get(pointer.key()), nodes.get(nodeOfKey.get(pointer.key())).withMore());
                        continue;
                    }
                    Map<String, String> details = pointer.caseRef() == null ? Map.of("agency", pointer.holderAgency())
                            : Map.of("agency", pointer.holderAgency(), "caseRef", pointer.caseRef());
                    nodes.put(node, new Graph.Node(node, Graph.NodeKind.POINTER, null, pointer.holderAgency(), null, false, details));
                }
                edges.add(new Graph.Edge(nodeOfKey.get(pointer.key()), node, Graph.EdgeKind.HELD_BY, null, pointer.key()));
            }
            // All the notices behind the pointers found, even one the node limit kept off the page: a disclosure
            // recorded that was not shown errs on the side the audit is for.
            pointedAt.addAll(found.noticeIds());
            return List.copyOf(pointedAt);
        }
    }

    private static String idOf(String key) {
        return "key:" + key;
    }

    /** The key's value as the analyst would read it: {@code PHONE:+33612345678} → {@code +33612345678}. */
    private static String labelOf(String key) {
        return key.substring(key.indexOf(':') + 1);
    }

    private static String kindOf(Entity entity) {
        return entity.asset() == null ? entity.kind().name() : entity.kind().name() + "/" + entity.asset().type().name();
    }

    private static Map<String, String> entityDetails(Entity entity) {
        Map<String, String> details = new TreeMap<>();
        if (entity.protection() != null) {
            details.put("protection", entity.protection().name());
            return details;
        }
        String birthDate = entity.attributes().get("birthDate");
        if (birthDate != null) {
            details.put("birthDate", birthDate);
        }
        if (entity.asset() != null && entity.asset().jurisdiction() != null) {
            details.put("jurisdiction", entity.asset().jurisdiction());
        }
        return details;
    }

    private static Map<String, String> noticeDetails(Notice notice) {
        Map<String, String> details = new TreeMap<>();
        details.put("noticeId", notice.noticeId().toString());
        details.put("agency", notice.originAgency());
        details.put("region", notice.markings().region());
        details.put("classification", notice.markings().classification().name());
        details.put("issuedAt", notice.issuedAt().toString());
        if (notice.caseRef() != null) {
            details.put("caseRef", notice.caseRef());
        }
        return details;
    }

    private static Set<String> keysOf(Notice notice) {
        Set<String> keys = new LinkedHashSet<>();
        notice.entities().forEach(e -> keys.addAll(MatchKeys.of(e, notice.originAgency())));
        return keys;
    }
}
