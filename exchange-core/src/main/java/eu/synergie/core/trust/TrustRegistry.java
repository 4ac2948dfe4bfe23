package eu.synergie.core.trust;

import eu.synergie.crypto.envelope.EnvelopeProfile;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The current view of agencies and certificates, built by applying {@link TrustEvent}s in log order.
 * Every gateway and indexer instance keeps one, fed from {@code synergie.trust}.
 *
 * <p>Only a later state of a key replaces the one applied: an event whose {@link TrustEvent#version()} is lower
 * than the applied one's is outdated (a genuine event appended again), whatever its position in the log. Two
 * different events with the same version (two instances changing the same key at the same moment) are settled
 * the same way on every instance, whatever order they arrive in, towards the stricter state: suspended over
 * active, fewer regions over more, revoked over issued. Revocation is monotonic: no event brings a revoked
 * certificate back, and of two revocations of one certificate the one distrusting from earlier stands.
 *
 * <p>Compaction keeps the last record of each key by offset, not the state applied: so the registry also notes,
 * per key, whether the last record its follower read under it is the applied state ({@link #lastRecord}); the keys
 * where it is not ({@link #overwritten()}) have their state appended again (see {@link TrustService#maintain()}).
 */
public final class TrustRegistry {

    /** What {@link #apply} did with an event. */
    public enum Applied {
        /** The event is now the key's state. */
        APPLIED,
        /** The event is the key's state already (read back by the instance that wrote it, or appended twice). */
        DUPLICATE,
        /**
         * The event was this key's state once and has since been replaced: the instance that wrote both read the
         * first back late, or a copy of it was appended again. Ignored.
         */
        SUPERSEDED,
        /** The key holds a later state, or the event would bring a revoked certificate back: ignored. */
        OUTDATED
    }

    private final ConcurrentMap<String, AgencyRecord> agencies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CertificateRecord> certificates = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, PeerRecord> peers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, RegionProfile> regionProfiles = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReleasePolicy> releasePolicies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TrustEvent> latest = new ConcurrentHashMap<>();
    private final Set<TrustEvent> everApplied = ConcurrentHashMap.newKeySet();
    private final Set<String> overwritten = ConcurrentHashMap.newKeySet();
    private volatile String unavailable;
    private volatile Instant currentAsOf = Instant.MIN;

    /** Applies {@code event} if it is a later state of its key than the one applied (see the class comment). */
    public synchronized Applied apply(TrustEvent event) {
        TrustEvent current = latest.get(event.key());
        if (event.equals(current)) {
            return Applied.DUPLICATE;
        }
        if (current != null && !supersedes(event, current)) {
            return everApplied.contains(event) ? Applied.SUPERSEDED : Applied.OUTDATED;
        }
        latest.put(event.key(), event);
        everApplied.add(event);
        switch (event) {
            case TrustEvent.AgencyChanged changed -> agencies.put(changed.agency().code(), changed.agency());
            case TrustEvent.CertificateChanged changed ->
                    certificates.put(changed.certificate().serial(), changed.certificate());
            case TrustEvent.PeerChanged changed -> peers.put(changed.peer().name(), changed.peer());
            case TrustEvent.RegionProfileChanged changed -> regionProfiles.put(changed.region().region(), changed.region());
            case TrustEvent.ReleasePolicyChanged changed -> releasePolicies.put(changed.policy().agency(), changed.policy());
        }
        return Applied.APPLIED;
    }

    /** The version of the state applied for {@code key} ({@link TrustEvent#key()}), 0 if none. */
    public long version(String key) {
        TrustEvent current = latest.get(key);
        return current == null ? 0 : current.version();
    }

    /** The event whose state is applied, for every key. */
    public List<TrustEvent> states() {
        return List.copyOf(latest.values());
    }

    /** The event whose state is applied for {@code key}, if any. */
    public Optional<TrustEvent> current(String key) {
        return Optional.ofNullable(latest.get(key));
    }

    /**
     * Whether {@code event} took effect: it was applied, and no other event of its version (a stricter change made at
     * the same moment) replaced it; a later version may have followed it.
     */
    public boolean tookEffect(TrustEvent event) {
        TrustEvent current = latest.get(event.key());
        return current != null && everApplied.contains(event)
                && (current.equals(event) || current.version() > event.version());
    }

    /**
     * Notes what the last record read under {@code key} is: its applied state ({@code holdsState}), or anything else
     * (an outdated or losing event, a replay, junk, a tombstone). Only keys with a state are noted: whatever is
     * appended under another key loses nothing when compaction keeps it.
     */
    public void lastRecord(String key, boolean holdsState) {
        if (holdsState) {
            overwritten.remove(key);
        } else if (key != null && latest.containsKey(key)) {
            overwritten.add(key);
        }
    }

    /** The keys whose last record read is not their applied state: compaction would keep that record instead. */
    public Set<String> overwritten() {
        return Set.copyOf(overwritten);
    }

    private static boolean supersedes(TrustEvent event, TrustEvent current) {
        if (event instanceof TrustEvent.CertificateChanged next && current instanceof TrustEvent.CertificateChanged now
                && now.certificate().revoked()) {
            Revocation held = now.certificate().revocation();
            Revocation offered = next.certificate().revocation();
            if (offered == null || offered.untrustedFrom().isAfter(held.untrustedFrom())) {
                return false;
            }
            if (offered.untrustedFrom().isBefore(held.untrustedFrom())) {
                return true;
            }
            // The same effect either way: settled by version, then as any tie, so that every instance keeps the same.
        }
        if (event.version() != current.version()) {
            return event.version() > current.version();
        }
        // The same version twice: every instance must keep the same one, whichever it saw first.
        return TIE_BREAK.compare(event, current) > 0;
    }

    /**
     * A total order on events of one key and version that every instance computes alike (no hash-set order in it),
     * the stricter state last (it wins): two administrators changing one key at the same moment never undo a
     * suspension, a withdrawal or a revocation between them.
     */
    private static final Comparator<TrustEvent> TIE_BREAK = Comparator.comparingInt(TrustRegistry::strictness)
            .thenComparing(TrustRegistry::fewerRegions)
            .thenComparing(TrustRegistry::longerHybrid)
            .thenComparing(TrustEvent::at)
            .thenComparing(TrustEvent::by, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TrustRegistry::state);

    private static int strictness(TrustEvent event) {
        return switch (event) {
            case TrustEvent.AgencyChanged a -> a.agency().status() == AgencyStatus.SUSPENDED ? 1 : 0;
            case TrustEvent.CertificateChanged c -> c.certificate().revoked() ? 1 : 0;
            case TrustEvent.PeerChanged p -> p.peer().active() ? 0 : 1;
            // Hybrid is the stricter: of two choices made at once, the one refusing classical envelopes stands.
            case TrustEvent.RegionProfileChanged r -> lastProfile(r) == EnvelopeProfile.HYBRID ? 1 : 0;
            // Holding something is the stricter: of two policies chosen at once, the one that holds stands.
            case TrustEvent.ReleasePolicyChanged p -> p.policy().last().map(r -> r.criteria().holdsNothing() ? 0 : 1).orElse(0);
        };
    }

    /**
     * Of two region choices of the same profile made at once, the one hybrid for longer: the earlier switch to hybrid,
     * the later switch back to classical.
     */
    private static long longerHybrid(TrustEvent event) {
        if (!(event instanceof TrustEvent.RegionProfileChanged r) || r.region().last().isEmpty()) {
            return 0;
        }
        long from = r.region().last().get().from().toEpochMilli();
        return lastProfile(r) == EnvelopeProfile.HYBRID ? -from : from;
    }

    private static EnvelopeProfile lastProfile(TrustEvent.RegionProfileChanged changed) {
        return changed.region().last().map(RegionProfile.Switch::profile).orElse(EnvelopeProfile.CLASSICAL);
    }

    private static int fewerRegions(TrustEvent event) {
        return event instanceof TrustEvent.AgencyChanged a ? -a.agency().regions().size() : 0;
    }

    private static String state(TrustEvent event) {
        return switch (event) {
            case TrustEvent.AgencyChanged a -> a.kind() + "|" + a.agency().name() + "|" + new java.util.TreeSet<>(a.agency().regions())
                    + "|" + a.agency().status() + "|" + a.agency().suspendedAt();
            case TrustEvent.CertificateChanged c -> c.kind() + "|" + c.certificate().revocation() + "|" + c.certificate().notAfter();
            case TrustEvent.PeerChanged p -> p.kind() + "|" + p.peer().status() + "|" + p.peer().since() + "|" + p.peer().sends()
                    + "|" + new java.util.TreeMap<>(p.peer().receives()) + "|" + p.peer().rootPem() + "|" + p.peer().federationPem();
            case TrustEvent.RegionProfileChanged r -> r.region().switches().toString();
            case TrustEvent.ReleasePolicyChanged p -> p.policy().rules().stream().map(r -> r.from() + " " + r.criteria().all()
                    + " " + r.criteria().classificationAtLeast() + " " + r.criteria().sortedHandlingCodes() + " "
                    + r.criteria().sortedTypes() + " " + r.criteria().expiresAfter()).toList().toString();
        };
    }

    public Optional<AgencyRecord> agency(String code) {
        return Optional.ofNullable(agencies.get(code));
    }

    public List<AgencyRecord> agencies() {
        return agencies.values().stream().sorted(Comparator.comparing(AgencyRecord::code)).toList();
    }

    /** The peer exchange {@code name} as registered, active or removed. */
    public Optional<PeerRecord> peer(String name) {
        return Optional.ofNullable(peers.get(name));
    }

    public List<PeerRecord> peers() {
        return peers.values().stream().sorted(Comparator.comparing(PeerRecord::name)).toList();
    }

    /**
     * The envelope profile chosen for {@code region}; none if no administrator ever chose one (the region is
     * classical: it takes both profiles).
     */
    public Optional<RegionProfile> regionProfile(String region) {
        return Optional.ofNullable(regionProfiles.get(region));
    }

    /** The release policy chosen for {@code agency}; none if no administrator ever chose one (nothing is held). */
    public Optional<ReleasePolicy> releasePolicy(String agency) {
        return Optional.ofNullable(releasePolicies.get(agency));
    }

    public Optional<CertificateRecord> certificate(String serial) {
        return Optional.ofNullable(certificates.get(serial));
    }

    public List<CertificateRecord> certificatesOf(String agency) {
        return certificates.values().stream().filter(c -> c.agency().equals(agency))
                .sorted(Comparator.comparing(CertificateRecord::notBefore)).toList();
    }

    public Collection<CertificateRecord> revoked() {
        return certificates.values().stream().filter(CertificateRecord::revoked).toList();
    }

    /**
     * What the registry knows of the signer certificate {@code serial} (lower-case hexadecimal), with its agency
     * as it stood at {@code time}: the facts of the publish rule, which {@code AccessPolicy.decidePublish} judges.
     *
     * @throws TrustUnavailableException when this view can no longer be kept current: never a verdict
     */
    public SignerStanding signer(String serial, Instant time) {
        if (unavailable != null) {
            throw new TrustUnavailableException("the trust registry is unavailable: " + unavailable);
        }
        CertificateRecord certificate = certificates.get(serial);
        if (certificate == null) {
            return new SignerStanding.Unknown("the signer certificate is not registered with the exchange");
        }
        AgencyRecord agency = agencies.get(certificate.agency());
        if (agency == null) {
            return new SignerStanding.Unknown("agency " + certificate.agency() + " is not registered");
        }
        return agency.standingAt(time).<SignerStanding>map(standing -> new SignerStanding.Known(certificate, standing))
                .orElseGet(() -> new SignerStanding.Unknown("agency " + certificate.agency() + " was not registered yet at " + time));
    }

    /** Called when this view can no longer be kept current: from then on, nothing is trusted or refused. */
    public void markUnavailable(String why) {
        unavailable = why == null ? "unknown failure" : why;
    }

    /** Why this view cannot be trusted to be current now, if it cannot (the {@code trust} readiness check). */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    /**
     * Called by the follower each time it has read the log to the end it had at {@code asOf} (by this instance's
     * clock): every record appended before then is applied, and the view is current again.
     */
    public void readToEnd(Instant asOf) {
        unavailable = null;
        if (asOf.isAfter(currentAsOf)) {
            currentAsOf = asOf;
        }
    }

    /** Every record appended to the log before this instant has been read ({@link Instant#MIN} before the first load). */
    public Instant currentAsOf() {
        return currentAsOf;
    }

    public static String serialOf(X509Certificate certificate) {
        return serialOf(certificate.getSerialNumber());
    }

    public static String serialOf(BigInteger serial) {
        return serial.toString(16);
    }
}
