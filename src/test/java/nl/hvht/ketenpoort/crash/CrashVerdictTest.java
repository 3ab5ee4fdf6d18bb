package nl.hvht.ketenpoort.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.hvht.ketenpoort.crash.CrashVerdict.RecipientStatus;
import nl.hvht.ketenpoort.crash.Incarnation.End;
import org.junit.jupiter.api.Test;

/** The crash suite's judge on hand-made runs: it must pass what the promises allow and name every broken one. */
class CrashVerdictTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String A = "gemeente-enschede";
    private static final String B = "reclassering-nederland";

    private static final String NODE_A = "knooppunt-a";
    private static final String NODE_B = "knooppunt-b";

    /** Run 1 from T0 (killed), run 2 from T0+100 s (stopped), run 3 from T0+200 s (running). */
    private final List<Incarnation> runs = List.of(
            new Incarnation("", 1, 11, T0, T0.plusSeconds(100), End.SIGKILL),
            new Incarnation("", 2, 12, T0.plusSeconds(100), T0.plusSeconds(200), End.SIGTERM),
            new Incarnation("", 3, 13, T0.plusSeconds(200), null, End.RUNNING));
    /**
     * Two nodes: A killed at T0+100 s and started again at T0+140 s, then the rolling restart: A stopped at T0+300 s
     * and started at T0+310 s, B stopped at T0+320 s and started at T0+330 s.
     */
    private final List<Incarnation> nodes = List.of(
            new Incarnation(NODE_A, 1, 21, T0, T0.plusSeconds(100), End.SIGKILL),
            new Incarnation(NODE_A, 2, 22, T0.plusSeconds(140), T0.plusSeconds(300), End.SIGTERM),
            new Incarnation(NODE_A, 3, 23, T0.plusSeconds(310), null, End.RUNNING),
            new Incarnation(NODE_B, 1, 31, T0, T0.plusSeconds(320), End.SIGTERM),
            new Incarnation(NODE_B, 2, 32, T0.plusSeconds(330), null, End.RUNNING));
    private final Set<String> accepted = new HashSet<>();
    private final Map<String, Map<String, RecipientStatus>> statuses = new HashMap<>();
    private final List<Receipt> receipts = new ArrayList<>();

    private CrashVerdict judge() {
        return judge(runs);
    }

    private CrashVerdict judge(List<Incarnation> incarnations) {
        return CrashVerdict.judge(new CrashVerdict.Run(accepted, Map.of(), statuses, Map.of(), receipts, incarnations,
                Set.of(A, B), 6, Map.of()));
    }

    /** Judged with the two-node run's attempt window: twice its 34 s lease. */
    private CrashVerdict judgeWithShortLease(List<Incarnation> incarnations) {
        return CrashVerdict.judge(new CrashVerdict.Run(accepted, Map.of(), statuses, Map.of(), receipts, incarnations,
                Set.of(A, B), 6, Map.of(), CrashVerdict.Run.attemptWindow(Duration.ofSeconds(34))));
    }

    private void message(String id, String statusA, String statusB) {
        accepted.add(id);
        statuses.put(id, Map.of(A, new RecipientStatus(statusA, null, 1), B, new RecipientStatus(statusB, null, 1)));
    }

    private void received(String id, String ontvanger, int second) {
        receipts.add(new Receipt(ontvanger, id, id, T0.plusSeconds(second), 200));
    }

    private void receivedFrom(String node, String id, String ontvanger, int second) {
        receipts.add(new Receipt(node, ontvanger, id, id, T0.plusSeconds(second), 200));
    }

    @Test
    void deliveredOnceEverywhereIsClean() {
        message("m1", "DELIVERED", "DELIVERED");
        received("m1", A, 10);
        received("m1", B, 11);
        CrashVerdict verdict = judge();
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.deliveries()).isEqualTo(2);
    }

    @Test
    void aRepeatAfterASigkillIsAllowedOncePerKill() {
        message("m1", "DELIVERED", "DELIVERED");
        received("m1", A, 99);   // run 1, then killed: outcome unknown
        received("m1", A, 150);  // run 2 repeats it
        received("m1", B, 50);
        CrashVerdict verdict = judge();
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.repeats()).isEqualTo(1);
        assertThat(verdict.allowedRepeats()).isEqualTo(1);
    }

    @Test
    void aRepeatAcrossASigtermRestartOrWithinOneRunIsADuplicate() {
        message("m1", "DELIVERED", "DELIVERED");
        received("m1", A, 150);  // run 2, stopped cleanly
        received("m1", A, 250);  // run 3 sends it again
        received("m1", B, 20);
        received("m1", B, 30);   // run 1 twice
        assertThat(judge().findings()).containsOnlyKeys("duplicate across a SIGTERM restart",
                "duplicate within one run of the gateway");
    }

    @Test
    void aSecondRepeatAfterOneKillIsADuplicate() {
        message("m1", "DELIVERED", "DELIVERED");
        received("m1", A, 90);
        received("m1", A, 150);
        received("m1", A, 160);
        received("m1", B, 20);
        assertThat(judge().findings()).containsOnlyKeys("duplicate within one run of the gateway");
    }

    @Test
    void aRepeatUnderAnotherIdempotencyKeyIsNamed() {
        message("m1", "DELIVERED", "DELIVERED");
        received("m1", A, 90);
        receipts.add(new Receipt(A, "m1", "other", T0.plusSeconds(150), 200));
        received("m1", B, 20);
        assertThat(judge().findings()).containsOnlyKeys("Idempotency-Key missing or not the same on every copy");
    }

    @Test
    void lostForgottenStuckAndUnrecordedDeliveriesAreNamed() {
        message("lost", "DELIVERED", "DELIVERED");   // nothing received at all
        message("stuck", "QUEUED", "ACCEPTED");
        received("stuck", A, 10);                    // the partner has it, the status never says so
        accepted.add("forgotten");                   // 202, then 404
        receipts.add(new Receipt(A, "never-accepted", "never-accepted", T0.plusSeconds(5), 200));
        CrashVerdict verdict = judge();
        assertThat(verdict.findings()).containsOnlyKeys(
                "DELIVERED but the partner never answered 2xx: lost",
                "not settled (stuck QUEUED)", "not settled (stuck ACCEPTED)",
                "accepted (202) but unknown to the status API (404): forgotten",
                "received but never accepted by the gateway");
        assertThat(verdict.findings().get("DELIVERED but the partner never answered 2xx: lost")).hasSize(2);
        assertThat(verdict.findings().get("not settled (stuck QUEUED)")).containsExactly("stuck→gemeente-enschede (the partner has it)");
    }

    @Test
    void failedMustHaveUsedExactlyTheAttemptsAndNotBeenReceived() {
        accepted.add("f");
        statuses.put("f", Map.of(A, new RecipientStatus("FAILED", "ATTEMPTS", 6), B, new RecipientStatus("FAILED", null, 4)));
        for (int i = 0; i < 6; i++) {
            receipts.add(new Receipt(A, "f", "f", T0.plusSeconds(10 + i), 503));
        }
        receipts.add(new Receipt(A, "f", "f", T0.plusSeconds(120), 503)); // a 7th POST: run 1 was killed while posting
        for (int i = 0; i < 3; i++) {
            receipts.add(new Receipt(B, "f", "f", T0.plusSeconds(150 + i), 503));
        }
        receipts.add(new Receipt(B, "f", "f", T0.plusSeconds(160), 200));
        for (int i = 0; i < 4; i++) {
            receipts.add(new Receipt(B, "f", "f", T0.plusSeconds(161 + i), 503));
        }
        assertThat(judge().findings()).containsOnlyKeys("FAILED after other than max-attempts (6, +1 per SIGKILL) attempts",
                "received by the partner (2xx) but FAILED", "more POSTs than max-attempts (6) + 1 per SIGKILL");
    }

    @Test
    void anAttemptCutOffByASigkillMayBeRepeatedOnTopOfTheLimit() {
        accepted.add("f");
        statuses.put("f", Map.of(A, new RecipientStatus("FAILED", "ATTEMPTS", 7), B, new RecipientStatus("DELIVERED", null, 1)));
        for (int i = 0; i < 6; i++) {
            receipts.add(new Receipt(A, "f", "f", T0.plusSeconds(90 + i), 503)); // the 6th under way at the kill
        }
        receipts.add(new Receipt(A, "f", "f", T0.plusSeconds(110), 503));     // repeated by run 2
        received("f", B, 20);
        assertThat(judge().findings()).isEmpty();
    }

    @Test
    void aPartnerAnswerThatASigkillLostMayEndFailedWhenTheRepeatFails() {
        accepted.add("f");
        statuses.put("f", Map.of(A, new RecipientStatus("FAILED", "HTTP_503", 7), B, new RecipientStatus("DELIVERED", null, 1)));
        for (int i = 0; i < 5; i++) {
            receipts.add(new Receipt(A, "f", "f", T0.plusSeconds(80 + i), 503));
        }
        receipts.add(new Receipt(A, "f", "f", T0.plusSeconds(95), 200));     // the 6th: accepted, run 1 killed before it knew
        receipts.add(new Receipt(A, "f", "f", T0.plusSeconds(110), 503));    // run 2 repeats the unknown outcome: refused
        received("f", B, 20);
        assertThat(judge().findings()).isEmpty();
    }

    @Test
    void aRequestStillInFlightAtAKillBelongsToTheKilledRun() {
        message("m1", "DELIVERED", "DELIVERED");
        received("m1", A, 101);  // read by the receiver 1 s after run 2 was spawned: run 1 sent it
        received("m1", A, 130);  // run 2 repeats the unknown outcome
        received("m1", B, 20);
        assertThat(judge().findings()).isEmpty();
    }

    @Test
    void withheldNeedsAReason() {
        accepted.add("w");
        statuses.put("w", Map.of(A, new RecipientStatus("WITHHELD", "NO_CONSENT", 0), B, new RecipientStatus("WITHHELD", "", 0)));
        assertThat(judge().findings()).containsOnlyKeys("WITHHELD without a reason");
    }

    @Test
    void aRepeatByTheOtherNodeAfterANodesKillIsAllowed() {
        message("m1", "DELIVERED", "DELIVERED");
        receivedFrom(NODE_A, "m1", A, 95);   // under way on A when A was killed
        receivedFrom(NODE_B, "m1", A, 135);  // B claims it once the lease ran out
        receivedFrom(NODE_B, "m1", B, 20);
        message("m2", "DELIVERED", "DELIVERED");
        receivedFrom(NODE_A, "m2", A, 99);
        receivedFrom(NODE_A, "m2", A, 150);  // or A's next run repeats it
        receivedFrom(NODE_A, "m2", B, 30);
        CrashVerdict verdict = judge(nodes);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.allowedRepeats()).isEqualTo(2);
        assertThat(verdict.takenOver(NODE_A)).isEqualTo(1);
        assertThat(verdict.takenOver(NODE_B)).isZero();
        assertThat(verdict.posts(NODE_A)).isEqualTo(4);
        assertThat(verdict.summary("twonodes")).contains("per node: knooppunt-a posts=4 kills=1 stops=1 "
                + "duplicates after its kills=2 (by another node: 1); knooppunt-b posts=2 kills=0 stops=1");
    }

    @Test
    void aRepeatDuringARollingRestartWithSigtermIsADuplicate() {
        message("m1", "DELIVERED", "DELIVERED");
        receivedFrom(NODE_A, "m1", A, 295);  // A, stopped cleanly at 300
        receivedFrom(NODE_B, "m1", A, 305);  // B sends it again while A restarts
        receivedFrom(NODE_B, "m1", B, 318);  // B, stopped cleanly at 320
        receivedFrom(NODE_A, "m1", B, 325);  // A's new run sends it again
        CrashVerdict verdict = judge(nodes);
        assertThat(verdict.findings()).containsOnlyKeys("duplicate across a SIGTERM restart");
        assertThat(verdict.findings().get("duplicate across a SIGTERM restart")).hasSize(2);
        assertThat(verdict.allowedRepeats()).isZero();
    }

    @Test
    void aRepeatByTheOtherNodeWhileTheFirstStillRunsIsADuplicate() {
        message("m1", "DELIVERED", "DELIVERED");
        receivedFrom(NODE_A, "m1", A, 50);
        receivedFrom(NODE_B, "m1", A, 60);   // A is alive: its lease was live, B must not have claimed it
        receivedFrom(NODE_B, "m1", B, 20);
        assertThat(judge(nodes).findings()).containsOnlyKeys("duplicate from two nodes at once (a live lease claimed again)");
    }

    @Test
    void aPostBelongsToARunOfItsOwnNode() {
        message("m1", "DELIVERED", "DELIVERED");
        receivedFrom(NODE_B, "m1", A, 99);
        receivedFrom(NODE_B, "m1", A, 145);  // A was killed in between, but B posted both: one run of B
        receivedFrom(NODE_B, "m1", B, 20);
        assertThat(judge(nodes).findings()).containsOnlyKeys("duplicate within one run of the gateway");
    }

    @Test
    void anAttemptCutOffByANodesKillMayBeRepeatedByTheOtherNodeOnTopOfTheLimit() {
        accepted.add("f");
        statuses.put("f", Map.of(A, new RecipientStatus("FAILED", "HTTP_503", 7), B, new RecipientStatus("DELIVERED", null, 1)));
        for (int i = 0; i < 6; i++) {
            receipts.add(new Receipt(NODE_A, A, "f", "f", T0.plusSeconds(90 + i), 503)); // the 6th under way at A's kill
        }
        receipts.add(new Receipt(NODE_B, A, "f", "f", T0.plusSeconds(135), 503));     // repeated by B after the lease
        receivedFrom(NODE_B, "f", B, 20);
        assertThat(judge(nodes).findings()).isEmpty();
    }

    @Test
    void aRepeatOfACopySentLongBeforeTheKillIsADuplicate() {
        message("m1", "DELIVERED", "DELIVERED");
        receivedFrom(NODE_A, "m1", A, 10);   // settled at once: not under way when A was killed at 100
        receivedFrom(NODE_B, "m1", A, 140);  // B posts it again after A's kill: a settled delivery claimed again
        receivedFrom(NODE_B, "m1", B, 20);
        message("m2", "DELIVERED", "DELIVERED");
        receivedFrom(NODE_A, "m2", A, 10);
        receivedFrom(NODE_A, "m2", A, 150);  // the same on A's next run
        receivedFrom(NODE_A, "m2", B, 20);
        CrashVerdict verdict = judgeWithShortLease(nodes);
        assertThat(verdict.findings()).containsOnlyKeys("repeat of a copy sent long before the kill (not an attempt under way then)");
        assertThat(verdict.findings().values().iterator().next()).hasSize(2);
        assertThat(verdict.allowedRepeats()).isZero();
    }

    @Test
    void anotherNodesKillGivesNoExtraPostToADeliveryItNeverPosted() {
        accepted.add("f");
        statuses.put("f", Map.of(A, new RecipientStatus("FAILED", "HTTP_503", 7), B, new RecipientStatus("DELIVERED", null, 1)));
        for (int i = 0; i < 7; i++) {
            receipts.add(new Receipt(NODE_B, A, "f", "f", T0.plusSeconds(60 + 10 * i), 503)); // all by B; A killed at 100
        }
        receivedFrom(NODE_B, "f", B, 20);
        // A's kill may have cut off an attempt it had claimed and counted but not posted (pogingen 7 is allowed),
        // but it cannot have made B post a seventh time.
        assertThat(judgeWithShortLease(nodes).findings()).containsOnlyKeys("more POSTs than max-attempts (6) + 1 per SIGKILL");
    }

    @Test
    void aPartnerAnswerLongBeforeAKillDoesNotExcuseFailed() {
        accepted.add("f");
        statuses.put("f", Map.of(A, new RecipientStatus("FAILED", "HTTP_503", 6), B, new RecipientStatus("DELIVERED", null, 1)));
        receipts.add(new Receipt(NODE_A, A, "f", "f", T0.plusSeconds(5), 200)); // accepted; A killed only at 100
        for (int i = 0; i < 5; i++) {
            receipts.add(new Receipt(NODE_B, A, "f", "f", T0.plusSeconds(150 + i), 503));
        }
        receivedFrom(NODE_B, "f", B, 20);
        assertThat(judgeWithShortLease(nodes).findings()).containsKey("received by the partner (2xx) but FAILED");
    }
}
