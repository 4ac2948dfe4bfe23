package eu.synergie.core.approval;

import eu.synergie.core.approval.ApprovalRequest.Subject;
import eu.synergie.core.policy.Caller;
import eu.synergie.core.policy.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static eu.synergie.core.approval.ApprovalsTest.T0;
import static eu.synergie.core.approval.ApprovalsTest.caller;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated histories (seeded, {@code -Dsynergie.approvals.seed}): two gateway instances decide on requests from
 * views of the log that lag behind it, and some events the rules forbid are appended as if forged or raced. Whatever
 * the history, the fold keeps the rules (nothing approved with fewer different approvers than required, never by
 * its requester, nothing decided after its expiry), and the same log replayed with duplicated events gives the same
 * state.
 */
class ApprovalFoldPropertyTest {

    private static final long SEED = Long.getLong("synergie.approvals.seed", 0xF0_1DL);
    private static final int HISTORIES = 300;
    private static final List<Caller> PEOPLE = List.of(
            caller("camille.roux", "FR-DGPN", Role.ANALYST, Role.RELEASE_APPROVER),
            caller("alice.bernard", "FR-DGPN", Role.RELEASE_APPROVER),
            caller("bob.lefevre", "FR-DGPN", Role.RELEASE_APPROVER),
            caller("zoe.garnier", "FR-DGPN", Role.RELEASE_APPROVER),
            caller("dana.moreau", "FR-DGPN", Role.ANALYST),
            caller("erik.braun", "DE-BKA", Role.RELEASE_APPROVER));

    @Test
    void applyWhenGeneratedHistoriesThenTheRulesHoldAndDuplicatedReplaysGiveTheSameState() {
        SplittableRandom random = new SplittableRandom(SEED);
        Map<ApprovalStatus, Integer> outcomes = new EnumMap<>(ApprovalStatus.class);
        for (int h = 0; h < HISTORIES; h++) {
            List<ApprovalEvent> log = history(random);
            Instant end = T0.plus(Duration.ofDays(30));
            Approvals folded = fold(log);
            List<String> ids = log.stream().map(ApprovalEvent::requestId).distinct().toList();

            for (String id : ids) {
                for (Instant at : List.of(T0.plusSeconds(1_800), end)) {
                    folded.get(id, at).ifPresent(a -> {
                        checkRules(a, "seed " + SEED + " history " + log);
                        outcomes.merge(a.status(), 1, Integer::sum);
                    });
                }
            }
            for (int replay = 0; replay < 3; replay++) {
                Approvals again = fold(withDuplicates(log, random));
                for (String id : ids) {
                    assertThat(again.get(id, end)).as("seed %d history %d request %s", SEED, h, id).isEqualTo(folded.get(id, end));
                    assertThat(again.get(id, T0.plusSeconds(1_800))).isEqualTo(folded.get(id, T0.plusSeconds(1_800)));
                }
            }
        }
        assertThat(outcomes).as("the histories reach every state").containsKeys(ApprovalStatus.values());
    }

    private static void checkRules(Approval a, String context) {
        ApprovalRequest request = a.request();
        assertThat(a.approvedBy()).as(context).doesNotHaveDuplicates().doesNotContain(request.requestedBy());
        assertThat(a.approvedBy().size()).as(context).isLessThanOrEqualTo(request.approvalsRequired());
        switch (a.status()) {
            case APPROVED -> {
                assertThat(a.approvedBy()).as(context).hasSize(request.approvalsRequired());
                assertThat(a.closedAt()).as(context).isBefore(request.expiresAt());
            }
            case REJECTED -> {
                assertThat(a.rejectedBy()).as(context).isNotNull();
                assertThat(a.closedAt()).as(context).isBefore(request.expiresAt());
            }
            case EXPIRED -> assertThat(a.closedAt()).as(context).isEqualTo(request.expiresAt());
            case PENDING -> assertThat(a.approvedBy().size()).as(context).isLessThan(request.approvalsRequired());
        }
    }

    /**
     * A log as two instances write it: each decides on its own view, which has read the log only up to some point
     * (so one may approve what the other has just rejected), plus events against the rules.
     */
    private static List<ApprovalEvent> history(SplittableRandom random) {
        List<ApprovalEvent> log = new ArrayList<>();
        Approvals[] instances = {new Approvals(), new Approvals()};
        int[] read = {0, 0};
        Instant now = T0;
        List<ApprovalRequest> requests = new ArrayList<>();
        for (int step = 0, steps = 5 + random.nextInt(30); step < steps; step++) {
            now = now.plusSeconds(1 + random.nextInt(600));
            int i = random.nextInt(2);
            for (int upTo = read[i] + random.nextInt(log.size() - read[i] + 1); read[i] < upTo; read[i]++) {
                instances[i].apply(log.get(read[i]));
            }
            Caller who = PEOPLE.get(random.nextInt(PEOPLE.size()));
            int action = requests.isEmpty() ? 0 : random.nextInt(10);
            if (action == 0) {
                ApprovalRequest request = new ApprovalRequest("r" + requests.size(), new Subject(
                        random.nextBoolean() ? Subject.Kind.NOTICE_RELEASE : Subject.Kind.POINTER_DISCLOSURE,
                        "n" + requests.size(), "EU-WEST"), "FR-DGPN", PEOPLE.get(random.nextInt(4)).subject(),
                        1 + random.nextInt(2), now, now.plusSeconds(300 + random.nextInt(3_600)));
                requests.add(request);
                record(instances[i].request(request), log);
                continue;
            }
            ApprovalRequest request = requests.get(random.nextInt(requests.size()));
            switch (action) {
                case 1, 2, 3, 4, 5 -> record(instances[i].approve(request.id(), who, now), log);
                case 6 -> record(instances[i].reject(request.id(), who, now), log);
                case 7 -> instances[i].expire(now).forEach(r -> log.add(r.event()));
                default -> log.add(switch (random.nextInt(3)) {
                    // Against the rules: what a forged or buggy writer could append; the fold must not take it.
                    case 0 -> new ApprovalEvent.Approved(request.id(), request.requestedBy(), "FR-DGPN", now);
                    case 1 -> new ApprovalEvent.Approved(request.id(), "mallory", "DE-BKA", now);
                    default -> new ApprovalEvent.Approved(request.id(), "late.approver", "FR-DGPN", request.expiresAt()
                            .plusSeconds(random.nextInt(100)));
                });
            }
        }
        return log;
    }

    private static void record(ApprovalDecision decision, List<ApprovalEvent> log) {
        if (decision instanceof ApprovalDecision.Recorded recorded) {
            log.add(recorded.event());
        }
    }

    /** The log with copies of some events appended again later (a producer's retry, a replay). */
    private static List<ApprovalEvent> withDuplicates(List<ApprovalEvent> log, SplittableRandom random) {
        List<ApprovalEvent> replay = new ArrayList<>(log);
        for (int copies = random.nextInt(1 + log.size()); copies > 0; copies--) {
            int from = random.nextInt(log.size());
            ApprovalEvent copy = log.get(from);
            int original = replay.indexOf(copy);
            replay.add(original + 1 + random.nextInt(replay.size() - original), copy);
        }
        return replay;
    }

    private static Approvals fold(List<ApprovalEvent> log) {
        Approvals approvals = new Approvals();
        log.forEach(approvals::apply);
        return approvals;
    }
}
