package eu.synergie.core.trust;

import eu.synergie.crypto.envelope.EnvelopeProfile;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.pki.RevokedCertificate;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Trust administration. Each change to a key (an agency, a certificate) is decided under a lock of that key in this
 * instance, against the registry caught up with the log (what other instances changed a moment ago included), as
 * the next version of the key; it is appended to the trust log, and takes effect only when this instance's
 * follower reads it back and applies it. A change another instance made at the same moment with the same version
 * and a stricter state wins on every instance, and the administrator whose change lost is told ({@code 409}).
 *
 * <p>{@link #maintain()}, run every second or so, keeps two things true: the last record of each key in the log is
 * the state applied (compaction keeps that record, whatever it is), and every revocation is in the
 * {@link RevocationArchive}, from which and the registry the CRL is built.
 */
public final class TrustService {

    private static final Pattern AGENCY = Pattern.compile("[A-Z]{2}-[A-Z0-9]{2,16}");
    private static final int LOCK_STRIPES = 64;

    private final TrustRegistry registry;
    private final TrustLog log;
    private final CertificateAuthority ca;
    private final CertificateAuthority postQuantumCa;
    private final RevocationArchive archive;
    private final Set<String> servedRegions;
    private final Duration certificateValidity;
    private final Duration profileLead;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    /** An exchange with a classical hierarchy only: it certifies no ML-DSA key. */
    public TrustService(TrustRegistry registry, TrustLog log, CertificateAuthority ca, RevocationArchive archive,
                        Set<String> servedRegions, Duration certificateValidity, Clock clock) {
        this(registry, log, ca, null, archive, servedRegions, certificateValidity, clock);
    }

    /**
     * @param ca            the issuing CA of agencies' ECDSA and Ed25519 certificates
     * @param postQuantumCa the issuing CA of agencies' ML-DSA-65 certificates (the ML-DSA hierarchy beside the EC one),
     *                      or null
     */
    public TrustService(TrustRegistry registry, TrustLog log, CertificateAuthority ca, CertificateAuthority postQuantumCa,
                        RevocationArchive archive, Set<String> servedRegions, Duration certificateValidity, Clock clock) {
        this(registry, log, ca, postQuantumCa, archive, servedRegions, certificateValidity, DEFAULT_PROFILE_LEAD, clock);
    }

    /** The default of {@code profileLead}. */
    public static final Duration DEFAULT_PROFILE_LEAD = Duration.ofMinutes(1);

    /**
     * @param profileLead how far ahead a region's profile switch must be dated: every gateway instance reads the change
     *                    from the trust log within it, so none takes an envelope the switch refuses (the indexer would
     *                    refuse it, but it would be in the topic already)
     */
    public TrustService(TrustRegistry registry, TrustLog log, CertificateAuthority ca, CertificateAuthority postQuantumCa,
                        RevocationArchive archive, Set<String> servedRegions, Duration certificateValidity,
                        Duration profileLead, Clock clock) {
        this.profileLead = java.util.Objects.requireNonNull(profileLead, "profileLead");
        this.registry = registry;
        this.log = log;
        this.ca = ca;
        this.postQuantumCa = postQuantumCa;
        this.archive = archive;
        this.servedRegions = Set.copyOf(servedRegions);
        this.certificateValidity = certificateValidity;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public TrustRegistry registry() {
        return registry;
    }

    public AgencyRecord register(String code, String name, Set<String> regions, String by) {
        if (code == null || !AGENCY.matcher(code).matches()) {
            throw new TrustException(TrustException.Kind.INVALID, "agency code must look like FR-DGPN");
        }
        if (name == null || name.isBlank()) {
            throw new TrustException(TrustException.Kind.INVALID, "agency name is required");
        }
        regions.forEach(this::requireServed);
        return change("agency:" + code, () -> {
            if (registry.agency(code).isPresent()) {
                throw new TrustException(TrustException.Kind.CONFLICT, "agency " + code + " is already registered");
            }
            Instant now = clock.instant();
            AgencyRecord agency = AgencyRecord.registered(code, name.strip(), regions, now);
            return new Change<>(new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGISTERED, agency, now, by,
                    nextVersion("agency:" + code)), agency);
        });
    }

    public AgencyRecord grantRegion(String code, String region, String by) {
        requireServed(region);
        return changeAgency(code, TrustEvent.AgencyChanged.Kind.REGION_GRANTED, (agency, now) -> {
            Set<String> regions = new TreeSet<>(agency.regions());
            regions.add(region);
            return agency.changed(regions, agency.status(), now);
        }, by);
    }

    public AgencyRecord withdrawRegion(String code, String region, String by) {
        return changeAgency(code, TrustEvent.AgencyChanged.Kind.REGION_WITHDRAWN, (agency, now) -> {
            if (!agency.memberOf(region)) {
                throw new TrustException(TrustException.Kind.NOT_FOUND, code + " is not a member of " + region);
            }
            Set<String> regions = new TreeSet<>(agency.regions());
            regions.remove(region);
            return agency.changed(regions, agency.status(), now);
        }, by);
    }

    public AgencyRecord suspend(String code, String by) {
        return changeAgency(code, TrustEvent.AgencyChanged.Kind.SUSPENDED, (agency, now) -> {
            if (agency.status() == AgencyStatus.SUSPENDED) {
                throw new TrustException(TrustException.Kind.CONFLICT, code + " is already suspended");
            }
            return agency.changed(agency.regions(), AgencyStatus.SUSPENDED, now);
        }, by);
    }

    public AgencyRecord reinstate(String code, String by) {
        return changeAgency(code, TrustEvent.AgencyChanged.Kind.REINSTATED, (agency, now) -> {
            if (agency.status() == AgencyStatus.ACTIVE) {
                throw new TrustException(TrustException.Kind.CONFLICT, code + " is not suspended");
            }
            return agency.changed(agency.regions(), AgencyStatus.ACTIVE, now);
        }, by);
    }

    /**
     * Issues a notice-signing certificate for {@code key} (whose possession the caller has verified,
     * e.g. from a CSR) and returns the chain, leaf first: from the EC hierarchy for an EC or Ed25519 key, from the
     * ML-DSA hierarchy for an ML-DSA-65 key (the hybrid profile's second signature).
     */
    public List<X509Certificate> issueCertificate(String code, PublicKey key, String by) {
        CertificateAuthority issuer = ca;
        if (Keys.isMlDsa65(key)) {
            if (postQuantumCa == null) {
                throw new TrustException(TrustException.Kind.INVALID, "this exchange has no ML-DSA hierarchy: it certifies no ML-DSA key");
            }
            issuer = postQuantumCa;
        } else if (Keys.isMlKem768(key)) {
            throw new TrustException(TrustException.Kind.INVALID, "an ML-KEM key cannot sign: it is no notice-signing key");
        }
        return issueCertificate(code, key, issuer, by);
    }

    private List<X509Certificate> issueCertificate(String code, PublicKey key, CertificateAuthority issuer, String by) {
        // Under the agency's lock: a suspension decided on this instance is not raced by an issue.
        return change("agency:" + code, () -> {
            AgencyRecord agency = existing(code);
            if (agency.status() != AgencyStatus.ACTIVE) {
                throw new TrustException(TrustException.Kind.CONFLICT, code + " is suspended: no certificate can be issued");
            }
            X509Certificate certificate = issuer.issueAgencyCertificate(code, key, certificateValidity);
            CertificateRecord issued = new CertificateRecord(TrustRegistry.serialOf(certificate), code, pem(certificate),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), null);
            return new Change<>(new TrustEvent.CertificateChanged(TrustEvent.CertificateChanged.Kind.ISSUED, issued,
                    clock.instant(), by, nextVersion("certificate:" + issued.serial())), issuer.chainOf(certificate));
        });
    }

    /**
     * Switches {@code region} to {@code profile} from {@code from} on (default: as soon as allowed): {@code HYBRID} (from
     * then on, envelopes appended to it must be hybrid) or {@code CLASSICAL} again. The date must be at least the profile
     * lead ahead, so that every instance knows of the switch before it takes effect; what the region took before it
     * stays judged by the switches in force then (they stay in its history), read again or not.
     */
    public RegionProfile chooseRegionProfile(String region, EnvelopeProfile profile, Instant from, String by) {
        requireServed(region);
        if (profile == null) {
            throw new TrustException(TrustException.Kind.INVALID, "profile is required: CLASSICAL or HYBRID");
        }
        if (profile == EnvelopeProfile.HYBRID && postQuantumCa == null) {
            throw new TrustException(TrustException.Kind.INVALID, "this exchange has no ML-DSA hierarchy: no region can be hybrid");
        }
        return change("region:" + region, () -> {
            Instant now = clock.instant();
            Instant earliest = now.plus(profileLead);
            Instant switchAt = from == null ? earliest : from;
            if (switchAt.isBefore(earliest)) {
                throw new TrustException(TrustException.Kind.INVALID, "the switch date " + switchAt + " is less than "
                        + profileLead.toSeconds() + " s from now: every gateway instance must know of a switch before it "
                        + "takes effect, and what the region accepted stays accepted; choose " + earliest + " or later");
            }
            RegionProfile chosen = registry.regionProfile(region).orElseGet(() -> RegionProfile.classical(region))
                    .switchedTo(profile, switchAt);
            return new Change<>(new TrustEvent.RegionProfileChanged(chosen, now, by, nextVersion("region:" + region)), chosen);
        });
    }

    /**
     * Gives agency {@code code} a release policy: from the profile lead on (every gateway instance reads the change
     * within it, so that none indexes for all to see what the policy holds), its notices the criteria name wait for one
     * of its release approvers. Notices appended before stay judged by the rule in force then, read again or not.
     *
     * @return the policy with its new rule
     */
    public ReleasePolicy chooseReleasePolicy(String code, ReleasePolicy.Criteria criteria, String by) {
        if (criteria == null) {
            throw new TrustException(TrustException.Kind.INVALID, "the criteria are required");
        }
        return change("release:" + code, () -> {
            if (registry.agency(code).isEmpty()) {
                throw new TrustException(TrustException.Kind.NOT_FOUND, "no agency " + code);
            }
            Instant now = clock.instant();
            ReleasePolicy chosen = registry.releasePolicy(code).orElseGet(() -> ReleasePolicy.none(code))
                    .changedTo(criteria, now.plus(profileLead));
            return new Change<>(new TrustEvent.ReleasePolicyChanged(chosen, now, by, nextVersion("release:" + code)), chosen);
        });
    }

    public CertificateRecord revoke(String serial, RevocationReason reason, Instant compromisedAt, String by) {
        CertificateRecord revoked = change("certificate:" + serial, () -> {
            CertificateRecord certificate = registry.certificate(serial)
                    .orElseThrow(() -> new TrustException(TrustException.Kind.NOT_FOUND, "no certificate with serial " + serial));
            if (certificate.revoked()) {
                throw new TrustException(TrustException.Kind.CONFLICT, "certificate " + serial + " is already revoked");
            }
            Revocation revocation;
            try {
                revocation = new Revocation(reason, clock.instant(), compromisedAt);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new TrustException(TrustException.Kind.INVALID, e.getMessage());
            }
            CertificateRecord changed = new CertificateRecord(certificate.serial(), certificate.agency(), certificate.pem(),
                    certificate.notBefore(), certificate.notAfter(), revocation);
            return new Change<>(new TrustEvent.CertificateChanged(TrustEvent.CertificateChanged.Kind.REVOKED, changed,
                    clock.instant(), by, nextVersion("certificate:" + serial)), changed);
        });
        archive.keep(List.of(entryOf(revoked)));
        return revoked;
    }

    /**
     * Registers peer exchange {@code terms.name()}, or registers it again with other terms (a removed peer too): from
     * when the change is read back, notices flow to it and from it as the terms say, provided it registered this
     * exchange as well.
     */
    public PeerRecord registerPeer(PeerTerms terms, String by) {
        PeerTerms.Checked checked = terms.check();
        terms.sends().forEach(this::requireServed);
        terms.receives().values().forEach(this::requireServed);
        for (String peerRegion : terms.receives().keySet()) {
            if (peerRegion == null || !PeerRecord.NAME.matcher(peerRegion).matches()) {
                throw new TrustException(TrustException.Kind.INVALID, "a peer's region must look like MED-NORTH");
            }
        }
        return change("peer:" + terms.name(), () -> {
            Instant now = clock.instant();
            PeerRecord peer = new PeerRecord(terms.name(), pem(checked.root()),
                    eu.synergie.crypto.pki.Pem.certificates(checked.federationChain()), terms.sends(), terms.receives(),
                    PeerStatus.ACTIVE, now);
            return new Change<>(new TrustEvent.PeerChanged(TrustEvent.PeerChanged.Kind.REGISTERED, peer, now, by,
                    nextVersion("peer:" + terms.name())), peer);
        });
    }

    /** Removes peer {@code name}: from when the change is read back, nothing flows to it or from it. */
    public PeerRecord removePeer(String name, String by) {
        return change("peer:" + name, () -> {
            PeerRecord peer = registry.peer(name).filter(PeerRecord::active)
                    .orElseThrow(() -> new TrustException(TrustException.Kind.NOT_FOUND, "no active peer " + name));
            Instant now = clock.instant();
            PeerRecord removed = peer.removed(now);
            return new Change<>(new TrustEvent.PeerChanged(TrustEvent.PeerChanged.Kind.REMOVED, removed, now, by,
                    nextVersion("peer:" + name)), removed);
        });
    }

    /**
     * The current certificate revocation list of the exchange CA (RFC 5280), valid for a day; its number
     * grows with time so that relying parties can tell a newer list. It lists every revocation of the registry and
     * of the {@link RevocationArchive}: one deleted from the trust log still stands here.
     */
    public X509CRL crl() {
        return crl(ca);
    }

    /**
     * The same list signed by the ML-DSA issuing CA, for relying parties checking an agency's ML-DSA certificate against
     * its own issuer (RFC 5280 section 6.3); serials are random, so listing the EC hierarchy's revocations too is
     * harmless, and both lists always agree.
     *
     * @throws TrustException if this exchange has no ML-DSA hierarchy
     */
    public X509CRL postQuantumCrl() {
        if (postQuantumCa == null) {
            throw new TrustException(TrustException.Kind.NOT_FOUND, "this exchange has no ML-DSA hierarchy");
        }
        return crl(postQuantumCa);
    }

    private X509CRL crl(CertificateAuthority issuer) {
        Instant now = clock.instant();
        Map<BigInteger, RevokedCertificate> revoked = new TreeMap<>();
        archive.revoked().forEach(entry -> revoked.put(entry.serial(), entry));
        registry.revoked().forEach(c -> revoked.put(new BigInteger(c.serial(), 16), entryOf(c)));
        return issuer.issueCrl(List.copyOf(revoked.values()), now, now.plus(Duration.ofDays(1)), BigInteger.valueOf(now.toEpochMilli()));
    }

    /**
     * Keeps the log and the archive whole; meant to run every second or so, on a thread of its own (it waits for the
     * follower). For each key whose last record in the log is not the state applied (an outdated, superseded or
     * losing event, a replay, junk, a tombstone, appended after it), appends that state again, freshly signed and
     * unchanged (the same event, the same version): compaction then keeps it, and an instance that reads only what
     * compaction left applies it. Two instances doing this at once append the same event, which every instance reads
     * the second time as the state it holds; an event appended again ends the key's turn, so this cannot go on by
     * itself. Then keeps every revocation of the registry in the archive.
     *
     * @return the keys whose state was appended again
     */
    public List<String> maintain() {
        List<String> restored = new ArrayList<>();
        for (String key : registry.overwritten()) {
            ReentrantLock lock = lockOf(key);
            lock.lock();
            try {
                log.catchUp();
                if (registry.overwritten().contains(key)) {
                    TrustEvent state = registry.current(key).orElseThrow();
                    log.append(state);
                    restored.add(key);
                }
            } finally {
                lock.unlock();
            }
        }
        archive.keep(registry.revoked().stream().map(TrustService::entryOf).toList());
        return restored;
    }

    /** A change and what the caller gets back once it took effect. */
    private record Change<T>(TrustEvent event, T result) {
    }

    /**
     * Decides a change of {@code key} under its lock, against the registry caught up with the log, appends it, reads
     * it back, and returns its result if it took effect: otherwise another administrator's change of the same key
     * at the same moment is the one every instance keeps, and this one is refused as a conflict.
     */
    private <T> T change(String key, Supplier<Change<T>> decide) {
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            log.catchUp();
            Change<T> change = decide.get();
            log.append(change.event());
            try {
                log.catchUp();
            } catch (TrustUnavailableException e) {
                throw new TrustUnavailableException("the change of " + key + " was recorded in the trust log, but this"
                        + " instance could not read it back to see whether it took effect: " + e.getMessage());
            }
            if (!registry.tookEffect(change.event())) {
                throw new TrustException(TrustException.Kind.CONFLICT, key.replace(':', ' ')
                        + " was changed at the same moment by another administrator, whose change stands; look at it again");
            }
            return change.result();
        } finally {
            lock.unlock();
        }
    }

    /** The change and the event carry the same instant: the agency's history says it took effect then. */
    private AgencyRecord changeAgency(String code, TrustEvent.AgencyChanged.Kind kind,
                                      BiFunction<AgencyRecord, Instant, AgencyRecord> changing, String by) {
        return change("agency:" + code, () -> {
            Instant now = clock.instant();
            AgencyRecord changed = changing.apply(existing(code), now);
            return new Change<>(new TrustEvent.AgencyChanged(kind, changed, now, by, nextVersion("agency:" + code)), changed);
        });
    }

    private long nextVersion(String key) {
        return registry.version(key) + 1;
    }

    private ReentrantLock lockOf(String key) {
        return locks[Math.floorMod(key.hashCode(), locks.length)];
    }

    private static RevokedCertificate entryOf(CertificateRecord certificate) {
        return new RevokedCertificate(new BigInteger(certificate.serial(), 16), certificate.revocation().revokedAt(),
                certificate.revocation().reason().code());
    }

    private AgencyRecord existing(String code) {
        return registry.agency(code)
                .orElseThrow(() -> new TrustException(TrustException.Kind.NOT_FOUND, "agency " + code + " is not registered"));
    }

    private void requireServed(String region) {
        if (!servedRegions.contains(region)) {
            throw new TrustException(TrustException.Kind.INVALID, "region " + region + " is not served by this exchange");
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate the CA just issued", e);
        }
    }
}
