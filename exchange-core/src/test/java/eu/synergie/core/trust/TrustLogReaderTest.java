package eu.synergie.core.trust;

import eu.synergie.core.integrity.Freshness;
import eu.synergie.core.integrity.Rejection;
import eu.synergie.core.integrity.TestStamps;
import eu.synergie.crypto.asn1.HiddenNesting;
import eu.synergie.crypto.pki.CertificateAuthority;
import eu.synergie.crypto.pki.Keys;
import eu.synergie.crypto.stamp.ExchangeSigner;
import eu.synergie.crypto.stamp.Forgeries;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every follower of {@code synergie.trust} does with what it reads: the exchange's signed events are applied
 * in version order; unsigned, wrongly signed, mis-keyed and replayed records are ignored and alarmed, and a
 * revocation holds whatever arrives after it. Records are made as the log holds them (signed JSON) and fed in log
 * order to a fresh registry, as a second instance reading the topic from its start would.
 */
class TrustLogReaderTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Freshness FRESHNESS = new Freshness(Duration.ofMinutes(5));
    private static final String AGENCY_NAME = "Police nationale";

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final TrustRecords records = TrustRecords.of(ExchangeSigner.of(TestStamps.LOG_SIGNER, Clock.systemUTC()),
            TestStamps.SIGNATURES, FRESHNESS);
    private final ListTrustLog log = new ListTrustLog(new TrustRegistry());
    private final List<TrustEvent> logged = log.events;
    private final CertificateAuthority ca = TestStamps.ISSUING;
    private final TrustService trust = new TrustService(log.registry(), log, ca, new MemoryRevocations(), Set.of("EU-WEST", "MED"),
            Duration.ofDays(10), clock);
    private final TestStamps.RecordingAlarm alarm = new TestStamps.RecordingAlarm();
    private final TrustRegistry follower = new TrustRegistry();
    private final TrustLogReader reader = new TrustLogReader(follower, records, alarm);
    private long offset;
    private final java.util.Map<TrustEvent, byte[]> signed = new java.util.HashMap<>();

    /** Appends a record to the follower's view of the log, as the broker would stamp it: now. */
    private void append(String key, byte[] value) {
        reader.accept(key, value, offset++, Instant.now());
    }

    /** Appends {@code event} as the exchange writes it, signed, once; appending it again copies the same bytes, as a forger would. */
    private void appendSigned(TrustEvent event) {
        append(event.key(), signed.computeIfAbsent(event, records::write));
    }

    @Test
    void acceptWhenIssuedRecordAppendedAgainAfterItsRevocationThenStillRevokedEverywhereAndInTheCrl() {
        X509Certificate certificate = issued();
        String serial = TrustRegistry.serialOf(certificate);
        trust.revoke(serial, RevocationReason.KEY_COMPROMISE, null, "admin");
        TrustEvent issuedEvent = logged.get(1);
        logged.forEach(this::appendSigned);

        appendSigned(issuedEvent);

        assertThat(follower.certificate(serial)).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
        assertThat(follower.signer(serial, T0.plusSeconds(1))).isInstanceOfSatisfying(SignerStanding.Known.class,
                known -> assertThat(known.certificate().revocation().untrustedFrom()).isBeforeOrEqualTo(T0.plusSeconds(1)));
        assertThat(alarm.raised).singleElement().satisfies(raised -> {
            assertThat(raised.reason()).isEqualTo(Rejection.REPLAYED);
            assertThat(raised.key()).isEqualTo("certificate:" + serial);
            assertThat(raised.offset()).isEqualTo(3);
            assertThat(raised.detail()).contains("version 1").doesNotContain(AGENCY_NAME);
        });
        TrustService followerService = new TrustService(follower, new ListTrustLog(follower), ca, new MemoryRevocations(),
                Set.of("EU-WEST"), Duration.ofDays(1), clock);
        assertThat(followerService.crl().isRevoked(certificate)).isTrue();
    }

    @Test
    void acceptWhenOlderAgencyStatesAppendedAgainThenTheLatestHolds() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        trust.grantRegion("FR-DGPN", "MED", "admin");
        trust.withdrawRegion("FR-DGPN", "MED", "admin");
        trust.suspend("FR-DGPN", "admin");
        trust.reinstate("FR-DGPN", "admin");
        trust.suspend("FR-DGPN", "admin");
        logged.forEach(this::appendSigned);

        appendSigned(logged.get(1)); // REGION_GRANTED MED, after its withdrawal
        appendSigned(logged.get(4)); // REINSTATED, after the second suspension

        AgencyRecord agency = follower.agency("FR-DGPN").orElseThrow();
        assertThat(agency.memberOf("MED")).isFalse();
        assertThat(agency.status()).isEqualTo(AgencyStatus.SUSPENDED);
        assertThat(follower.version("agency:FR-DGPN")).isEqualTo(6);
        assertThat(alarm.reasons()).containsExactly(Rejection.REPLAYED, Rejection.REPLAYED);
    }

    @Test
    void acceptWhenTheLatestRecordIsAppendedAgainThenNothingChangesButTheCopyIsAlarmed() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        byte[] registered = records.write(logged.getFirst());

        append(logged.getFirst().key(), registered);
        append(logged.getFirst().key(), registered);

        assertThat(follower.agency("FR-DGPN")).isPresent();
        assertThat(alarm.raised).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Rejection.REPLAYED);
            assertThat(r.offset()).isEqualTo(1);
        });
    }

    @Test
    void acceptWhenRecordsAreUnsignedOrTombstonesThenNothingAppliedAndEachAlarmed() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        TrustEvent registered = logged.getFirst();

        append(registered.key(), TrustEventJson.write(registered));
        append(registered.key(), null);

        assertThat(follower.agency("FR-DGPN")).isEmpty();
        assertThat(alarm.reasons()).containsExactly(Rejection.UNSIGNED, Rejection.UNSIGNED);
        assertThat(alarm.raised).allSatisfy(r -> assertThat(r.detail()).doesNotContain(AGENCY_NAME));
    }

    @Test
    void acceptWhenASignedRecordFailsToBeReadOtherwiseThanWithAReasonThenUnreadableAndTheFollowingStillApplied() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        TrustEvent registered = logged.getFirst();
        // The exchange's signature over an event of a shape this version does not expect (no agency): reading its
        // key throws, as a record of a later version might.
        byte[] strange = ExchangeSigner.of(TestStamps.LOG_SIGNER, Clock.systemUTC())
                .sign("{\"agencyChanged\":{\"kind\":\"REGISTERED\",\"version\":1}}".getBytes(StandardCharsets.UTF_8));

        append(registered.key(), strange);
        appendSigned(registered);

        assertThat(follower.agency("FR-DGPN")).isPresent();
        assertThat(alarm.raised).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Rejection.UNREADABLE);
            assertThat(r.offset()).isZero();
            assertThat(r.detail()).isEqualTo("the record could not be read (NullPointerException)");
        });
    }

    @Test
    void acceptWhenHostileSignedDataIsAppendedThenEachRefusedAndAlarmedAndTheFollowingStillApplied() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        TrustEvent registered = logged.getFirst();
        byte[] genuine = records.write(registered);

        append(registered.key(), Forgeries.withJunkCertificate(genuine)); // read lazily by Bouncy Castle: an exception
        append(registered.key(), HiddenNesting.inBasicConstraints(genuine)); // a StackOverflowError once parsed
        append(registered.key(), HiddenNesting.behindOverrunInBasicConstraints(genuine));
        append(registered.key(), genuine);

        assertThat(follower.agency("FR-DGPN")).isPresent();
        assertThat(alarm.reasons()).containsExactly(Rejection.FORGED, Rejection.UNSIGNED, Rejection.UNSIGNED);
    }

    @Test
    void acceptWhenSignedByAnotherKeyThenForgedAndNotApplied() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        CertificateAuthority otherRoot = CertificateAuthority.createRoot("Other Root", Duration.ofDays(30));
        ExchangeSigner impostor = ExchangeSigner.of(TestStamps.signer(otherRoot.issueSubordinate("Other", Duration.ofDays(20))),
                Clock.systemUTC());

        append(logged.getFirst().key(), impostor.sign(TrustEventJson.write(logged.getFirst())));

        assertThat(follower.agency("FR-DGPN")).isEmpty();
        assertThat(alarm.reasons()).containsExactly(Rejection.FORGED);
    }

    @Test
    void acceptWhenGenuineRecordUnderAnotherKeyThenMiskeyed() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");

        append("agency:BE-PJF", records.write(logged.getFirst()));

        assertThat(follower.agencies()).isEmpty();
        assertThat(alarm.reasons()).containsExactly(Rejection.MISKEYED);
    }

    @Test
    void acceptWhenGenuineRecordAppendedLongAfterItWasSignedThenReplayedEvenIntoAnEmptyRegistry() {
        X509Certificate certificate = issued();
        // After compaction kept only a replayed ISSUED record, a new follower reads nothing else for the key.
        TrustEvent issuedEvent = logged.get(1);
        byte[] signed = records.write(issuedEvent);

        reader.accept(issuedEvent.key(), signed, 7, Instant.now().plus(Duration.ofHours(2)));

        assertThat(follower.certificate(TrustRegistry.serialOf(certificate))).isEmpty();
        assertThat(alarm.raised).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Rejection.REPLAYED);
            assertThat(r.detail()).contains("after the exchange stamped it");
        });
    }

    @Test
    void applyWhenAnEventWouldBringARevokedCertificateBackThenOutdatedWhateverItsVersion() {
        X509Certificate certificate = issued();
        String serial = TrustRegistry.serialOf(certificate);
        CertificateRecord revoked = trust.revoke(serial, RevocationReason.SUPERSEDED, null, "admin");
        logged.forEach(follower::apply);
        CertificateRecord unrevoked = new CertificateRecord(serial, revoked.agency(), revoked.pem(), revoked.notBefore(),
                revoked.notAfter(), null);

        TrustRegistry.Applied applied = follower.apply(new TrustEvent.CertificateChanged(TrustEvent.CertificateChanged.Kind.ISSUED,
                unrevoked, T0, "admin", 99));

        assertThat(applied).isEqualTo(TrustRegistry.Applied.OUTDATED);
        assertThat(follower.certificate(serial)).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
    }

    @Test
    void applyWhenTwoDifferentEventsShareAVersionThenEveryInstanceKeepsTheSameOneWhicheverCameFirst() {
        AgencyRecord west = new AgencyRecord("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), AgencyStatus.ACTIVE, null);
        AgencyRecord med = new AgencyRecord("FR-DGPN", AGENCY_NAME, Set.of("MED"), AgencyStatus.ACTIVE, null);
        TrustEvent a = new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGION_GRANTED, west, T0, "amelie.roux", 2);
        TrustEvent b = new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGION_GRANTED, med, T0, "markus.schmidt", 2);
        TrustRegistry one = new TrustRegistry();
        TrustRegistry other = new TrustRegistry();

        one.apply(a);
        one.apply(b);
        other.apply(b);
        other.apply(a);

        assertThat(one.agency("FR-DGPN")).isEqualTo(other.agency("FR-DGPN"));
        assertThat(one.apply(a)).isIn(TrustRegistry.Applied.DUPLICATE, TrustRegistry.Applied.SUPERSEDED);
        assertThat(one.apply(b)).isIn(TrustRegistry.Applied.DUPLICATE, TrustRegistry.Applied.SUPERSEDED);
    }

    @Test
    void recordWhenAnotherInstancesChangeOfTheSameVersionArrivedFirstThenTheLoserIsToldOfTheConflict() {
        for (String theirBy : List.of("a.first", "z.last")) {
            // What another instance appended at the same moment, with the same version (equally strict: two regions each).
            TrustEvent theirs = new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGION_GRANTED, new AgencyRecord(
                    "FR-DGPN", AGENCY_NAME, Set.of("EU-WEST", "EU-CENTRAL"), AgencyStatus.ACTIVE, null), T0, theirBy, 2);
            TrustRegistry mine = new TrustRegistry();
            ListTrustLog shared = new ListTrustLog(mine);
            shared.events.add(new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGISTERED, new AgencyRecord("FR-DGPN",
                    AGENCY_NAME, Set.of("EU-WEST"), AgencyStatus.ACTIVE, null), T0, "admin", 1));
            shared.beforeAppend(event -> shared.events.add(theirs));
            TrustService service = new TrustService(mine, shared, ca, new MemoryRevocations(),
                    Set.of("EU-WEST", "EU-CENTRAL", "MED"), Duration.ofDays(1), clock);

            boolean oursKept = true;
            try {
                service.grantRegion("FR-DGPN", "MED", "m.middle");
            } catch (TrustException e) {
                assertThat(e.kind()).isEqualTo(TrustException.Kind.CONFLICT);
                oursKept = false;
            }

            assertThat(oursKept).as("same moment, equally strict: the later name in order wins, here against " + theirBy)
                    .isEqualTo(theirBy.equals("a.first"));
            TrustRegistry elsewhere = new TrustRegistry();
            elsewhere.apply(shared.events.getLast());
            elsewhere.apply(theirs);
            assertThat(mine.agency("FR-DGPN")).as("this instance keeps what every other keeps").isEqualTo(elsewhere.agency("FR-DGPN"));
            assertThat(mine.agency("FR-DGPN").orElseThrow().memberOf("MED")).isEqualTo(oursKept);
        }
    }

    @Test
    void applyWhenTwoChangesShareAVersionThenTheStricterStandsWhicheverCameFirstOrWasMadeLater() {
        AgencyRecord active = new AgencyRecord("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST", "MED"), AgencyStatus.ACTIVE, null);
        AgencyRecord suspended = new AgencyRecord("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), AgencyStatus.SUSPENDED, T0);
        AgencyRecord fewer = new AgencyRecord("FR-DGPN", AGENCY_NAME, Set.of("MED"), AgencyStatus.ACTIVE, null);
        TrustEvent granted = new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGION_GRANTED, active, T0.plusSeconds(9),
                "z.later", 5);
        TrustEvent suspension = new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.SUSPENDED, suspended, T0, "a.earlier", 5);
        TrustEvent withdrawal = new TrustEvent.AgencyChanged(TrustEvent.AgencyChanged.Kind.REGION_WITHDRAWN, fewer, T0, "a.earlier", 5);
        CertificateRecord issued = new CertificateRecord("1f", "FR-DGPN", "(pem)", T0, T0.plusSeconds(86_400), null);
        CertificateRecord revoked = new CertificateRecord("1f", "FR-DGPN", "(pem)", T0, T0.plusSeconds(86_400),
                new Revocation(RevocationReason.SUPERSEDED, T0, null));
        TrustEvent issue = new TrustEvent.CertificateChanged(TrustEvent.CertificateChanged.Kind.ISSUED, issued, T0.plusSeconds(9), "z", 2);
        TrustEvent revocation = new TrustEvent.CertificateChanged(TrustEvent.CertificateChanged.Kind.REVOKED, revoked, T0, "a", 2);

        for (List<TrustEvent> pair : List.of(List.of(granted, suspension), List.of(granted, withdrawal), List.of(issue, revocation))) {
            TrustRegistry one = new TrustRegistry();
            TrustRegistry other = new TrustRegistry();
            pair.forEach(one::apply);
            pair.reversed().forEach(other::apply);

            assertThat(one.current(pair.getFirst().key())).as("whichever came first").hasValue(pair.getLast());
            assertThat(other.current(pair.getFirst().key())).hasValue(pair.getLast());
            assertThat(one.tookEffect(pair.getFirst())).as("the laxer one did not take effect").isFalse();
            assertThat(one.tookEffect(pair.getLast())).isTrue();
        }
    }

    @Test
    void acceptWhenTheWriterReadsBackAChangeItHasAlreadyReplacedThenSilentButACopyOfItIsAReplay() {
        // The instance that issued and revoked has applied both (here through its list log); its reader sees the records again.
        TrustRegistry writer = trust.registry();
        TrustLogReader own = new TrustLogReader(writer, records, alarm);
        X509Certificate certificate = issued();
        trust.revoke(TrustRegistry.serialOf(certificate), RevocationReason.SUPERSEDED, null, "admin");
        List<byte[]> written = logged.stream().map(e -> signed.computeIfAbsent(e, records::write)).toList();

        for (int i = 0; i < written.size(); i++) {
            own.accept(logged.get(i).key(), written.get(i), i, Instant.now());
        }
        assertThat(alarm.raised).as("its own changes coming back").isEmpty();

        own.accept(logged.get(1).key(), written.get(1), written.size(), Instant.now());
        assertThat(alarm.reasons()).containsExactly(Rejection.REPLAYED);
    }

    @Test
    void applyWhenTheSameEventIsReadBackThenDuplicate() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");

        assertThat(follower.apply(logged.getFirst())).isEqualTo(TrustRegistry.Applied.APPLIED);
        assertThat(follower.apply(logged.getFirst())).isEqualTo(TrustRegistry.Applied.DUPLICATE);
    }

    @Test
    void unusableWhenTheSignerIsNewAndTheLogHoldsOnlyUnsignedEventsThenSaysItIsAnEarlierVersionsLogAndWhatToDo() {
        TrustLogReader firstStart = new TrustLogReader(follower, records, alarm, true);
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        firstStart.accept(logged.getFirst().key(), TrustEventJson.write(logged.getFirst()), 0, Instant.now());

        assertThat(firstStart.unusable()).hasValueSatisfying(why -> assertThat(why)
                .contains("earlier version", "unsigned", "CA keys", "register the agencies again"));

        firstStart.accept(logged.getFirst().key(), records.write(logged.getFirst()), 1, Instant.now());
        assertThat(firstStart.unusable()).as("a signed event: unsigned ones are forgeries, not an old log").isEmpty();
    }

    /** A signer of an earlier start has signed every event the exchange wrote: one unsigned record on an empty log is a forgery. */
    @Test
    void unusableWhenTheSignerIsOfAnEarlierStartThenUnsignedEventsAreForgeriesIgnoredAndAlarmedNeverAReasonNotToStart() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        append(logged.getFirst().key(), TrustEventJson.write(logged.getFirst()));

        assertThat(reader.unusable()).isEmpty();
        assertThat(follower.agencies()).isEmpty();
        assertThat(alarm.reasons()).containsExactly(Rejection.UNSIGNED);
    }

    @Test
    void acceptWhenAnythingButTheStateIsTheLastRecordOfAKeyThenTheRegistryKnowsItIsOverwrittenUntilTheStateComesAgain() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        trust.suspend("FR-DGPN", "admin");
        logged.forEach(this::appendSigned);
        assertThat(follower.overwritten()).isEmpty();

        append("agency:FR-DGPN", "junk".getBytes());
        append("agency:NOBODY", "junk".getBytes());
        assertThat(follower.overwritten()).as("only keys with a state").containsExactly("agency:FR-DGPN");

        reader.refuse("agency:FR-DGPN", offset++, Rejection.UNTRUSTED_TIMESTAMP, "CreateTime");
        append("agency:FR-DGPN", records.write(logged.getLast()));
        assertThat(follower.overwritten()).as("the state, signed again").isEmpty();

        appendSigned(logged.getFirst());
        assertThat(follower.overwritten()).as("an older state, appended again").containsExactly("agency:FR-DGPN");
    }

    private X509Certificate issued() {
        trust.register("FR-DGPN", AGENCY_NAME, Set.of("EU-WEST"), "admin");
        return trust.issueCertificate("FR-DGPN", Keys.generateEcP256().getPublic(), "admin").getFirst();
    }
}
