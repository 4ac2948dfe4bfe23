package eu.synergie.core.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An agency as the registry knows it: its current state and how it stood over time.
 * <p>
 * The history travels inside the record, hence inside every event of the agency on the compacted topic
 * {@code synergie.trust}: compaction keeps only the latest event of each agency, and that one still says
 * which regions the agency had and whether it was suspended at any earlier time, so an envelope read from
 * the log long after (a lagging indexer, a rebuild) is judged as the agency stood when it was appended.
 * It is bounded ({@value #MAX_HISTORY} standings): past that, the two oldest are merged into the stricter of
 * them (only the regions both had; suspended if either was), so that an envelope that old can only be refused
 * where it was accepted, never the reverse.
 *
 * @param suspendedAt when the agency was suspended, or null while active
 * @param history     its standings, oldest first, the last being the current one; empty for a record written
 *                    before histories were kept (then the current regions are taken to have held always, and the
 *                    suspension from {@code suspendedAt}, as the exchange judged then)
 */
public record AgencyRecord(String code, String name, Set<String> regions, AgencyStatus status, Instant suspendedAt,
                           List<AgencyStanding> history) {

    /** The most standings one record keeps. */
    public static final int MAX_HISTORY = 256;

    public AgencyRecord {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(status, "status");
        regions = regions == null ? Set.of() : Set.copyOf(new TreeSet<>(regions));
        history = history == null ? List.of() : List.copyOf(history);
        if ((status == AgencyStatus.SUSPENDED) != (suspendedAt != null)) {
            throw new IllegalArgumentException("suspendedAt is set exactly when the agency is suspended");
        }
        if (history.size() > MAX_HISTORY) {
            throw new IllegalArgumentException("an agency keeps at most " + MAX_HISTORY + " standings");
        }
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).from().isBefore(history.get(i - 1).from())) {
                throw new IllegalArgumentException("the standings of an agency are in time order");
            }
        }
        if (!history.isEmpty() && (!history.getLast().regions().equals(regions)
                || history.getLast().suspended() != (status == AgencyStatus.SUSPENDED))) {
            throw new IllegalArgumentException("the last standing of an agency is its current state");
        }
    }

    /** An agency whose history is not known. */
    public AgencyRecord(String code, String name, Set<String> regions, AgencyStatus status, Instant suspendedAt) {
        this(code, name, regions, status, suspendedAt, List.of());
    }

    /** An agency registered at {@code at}: active, its history starting then. */
    public static AgencyRecord registered(String code, String name, Set<String> regions, Instant at) {
        return new AgencyRecord(code, name, regions, AgencyStatus.ACTIVE, null, List.of(new AgencyStanding(at, regions, false)));
    }

    public boolean memberOf(String region) {
        return regions.contains(region);
    }

    /**
     * This agency after a change made at {@code at}: the new state, and its history one standing longer. A
     * change stamped before the latest standing (another instance's clock behind this one's) takes effect at
     * that standing's time, so the history stays in order.
     */
    public AgencyRecord changed(Set<String> newRegions, AgencyStatus newStatus, Instant at) {
        Instant suspended = newStatus != AgencyStatus.SUSPENDED ? null : status == AgencyStatus.SUSPENDED ? suspendedAt : at;
        List<AgencyStanding> standings = new ArrayList<>(knownHistory());
        Instant from = standings.isEmpty() || !at.isBefore(standings.getLast().from()) ? at : standings.getLast().from();
        standings.add(new AgencyStanding(from, newRegions, newStatus == AgencyStatus.SUSPENDED));
        while (standings.size() > MAX_HISTORY) {
            AgencyStanding oldest = standings.removeFirst();
            AgencyStanding next = standings.removeFirst();
            Set<String> both = new TreeSet<>(oldest.regions());
            both.retainAll(next.regions());
            standings.addFirst(new AgencyStanding(oldest.from(), both, oldest.suspended() || next.suspended()));
        }
        return new AgencyRecord(code, name, newRegions, newStatus, suspended, standings);
    }

    /** How the agency stood at {@code time}; empty before it was registered. */
    public Optional<AgencyStanding> standingAt(Instant time) {
        AgencyStanding found = null;
        for (AgencyStanding standing : knownHistory()) {
            if (standing.from().isAfter(time)) {
                break;
            }
            found = standing;
        }
        return Optional.ofNullable(found);
    }

    private List<AgencyStanding> knownHistory() {
        if (!history.isEmpty()) {
            return history;
        }
        List<AgencyStanding> assumed = new ArrayList<>();
        assumed.add(new AgencyStanding(Instant.EPOCH, regions, false));
        if (suspendedAt != null) {
            assumed.add(new AgencyStanding(suspendedAt, regions, true));
        }
        return assumed;
    }
}
