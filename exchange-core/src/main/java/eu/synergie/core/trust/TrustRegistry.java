package eu.synergie.core.trust;

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
 * the same way on every instance, whatever order they arrive in. Revocation is monotonic: no event brings a
 * revoked certificate back, and of two revocations of one certificate the one distrusting from earlier stands.
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
    private final ConcurrentMap<String, TrustEvent> latest = new ConcurrentHashMap<>();
    private final Set<TrustEvent> everApplied = ConcurrentHashMap.newKeySet();
    private volatile String unavailable;

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
        }
        return Applied.APPLIED;
    }

    /** The version of the state applied for {@code key} ({@link TrustEvent#key()}), 0 if none. */
    public long version(String key) {
        TrustEvent current = latest.get(key);
        return current == null ? 0 : current.version();
    }

    private static boolean supersedes(TrustEvent event, TrustEvent current) {
        if (event instanceof TrustEvent.CertificateChanged next && current instanceof TrustEvent.CertificateChanged now
                && now.certificate().revoked()) {
            Revocation held = now.certificate().revocation();
            Revocation offered = next.certificate().revocation();
            return offered != null && offered.untrustedFrom().isBefore(held.untrustedFrom());
        }
        if (event.version() != current.version()) {
            return event.version() > current.version();
        }
        // The same version twice: every instance must keep the same one, whichever it saw first.
        return TIE_BREAK.compare(event, current) > 0;
    }

    /** A total order on events of one key and version that every instance computes alike (no hash-set order in it). */
    private static final Comparator<TrustEvent> TIE_BREAK = Comparator.comparing(TrustEvent::at)
            .thenComparing(TrustEvent::by, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TrustRegistry::state);

    private static String state(TrustEvent event) {
        return switch (event) {
            case TrustEvent.AgencyChanged a -> a.kind() + "|" + a.agency().name() + "|" + new java.util.TreeSet<>(a.agency().regions())
                    + "|" + a.agency().status() + "|" + a.agency().suspendedAt();
            case TrustEvent.CertificateChanged c -> c.kind() + "|" + c.certificate().revocation() + "|" + c.certificate().notAfter();
        };
    }

    public Optional<AgencyRecord> agency(String code) {
        return Optional.ofNullable(agencies.get(code));
    }

    public List<AgencyRecord> agencies() {
        return agencies.values().stream().sorted(Comparator.comparing(AgencyRecord::code)).toList();
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

    public static String serialOf(X509Certificate certificate) {
        return serialOf(certificate.getSerialNumber());
    }

    public static String serialOf(BigInteger serial) {
        return serial.toString(16);
    }
}
