package nl.hvht.ketenpoort.crash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a crash run must show, judged from outside only: what the senders were told (202 or a duplicate answer), what
 * the status API says afterwards and what the partner receiver logged, against the gateway's incarnations (how each
 * one ended). Every broken promise becomes a finding with its count and the deliveries concerned.
 *
 * <ul>
 *   <li>every accepted message is known to the status API, with exactly the expected recipients, each settled:
 *       DELIVERED, FAILED after exactly {@code max-attempts} attempts, or WITHHELD with a reason;</li>
 *   <li>the status agrees with the receiver: each DELIVERED recipient answered 2xx at least once, and nothing was
 *       received (2xx) that the status does not say DELIVERED;</li>
 *   <li>a repeat (the same berichtId to the same recipient answered 2xx again) only when the copy before it was sent
 *       by an incarnation killed with SIGKILL and the repeat after that kill: by a later incarnation of the same node,
 *       or by another node once the lease ran out. The unknown outcome of an attempt under way on a node at the moment
 *       that node was killed; so at most one repeat per kill, and none across a SIGTERM restart (a rolling restart
 *       included) or from two live nodes;</li>
 *   <li>every POST of one delivery carries the same Idempotency-Key;</li>
 *   <li>at most {@code max-attempts} POSTs per delivery, plus one per SIGKILL while it was being posted.</li>
 * </ul>
 *
 * <p>With several gateway nodes every POST names its node ({@link Receipt#node()}) and the incarnations are those of
 * every node; a POST belongs to an incarnation of its own node. The summary then adds per node its POSTs, kills, stops
 * and the repeats its kills allowed, and how many of those the other node made (it claimed the killed node's work).
 */
final class CrashVerdict {

    static final Set<String> SETTLED = Set.of("DELIVERED", "FAILED", "WITHHELD");

    /** One recipient in the status API's answer. */
    record RecipientStatus(String status, String reden, int pogingen) {
    }

    /**
     * What the run produced.
     *
     * @param accepted     berichtIds answered 202, or 200 with {@code Ketenpoort-Duplicaat: true}
     * @param refused      berichtIds given up after a definitive refusal, with the answer
     * @param statuses     per accepted berichtId the recipients as the status API names them; absent: 404
     * @param unreadable   accepted berichtIds whose status the API never answered (not 200, not 404), with the last error
     * @param intake       findings of the senders (answers that must not happen), each with examples
     */
    record Run(Set<String> accepted, Map<String, String> refused, Map<String, Map<String, RecipientStatus>> statuses,
            Map<String, String> unreadable, List<Receipt> receipts, List<Incarnation> incarnations, Set<String> expectedRecipients, int maxAttempts,
            Map<String, List<String>> intake, Duration attemptWindow) {

        /** As above, with the attempt window of the gateway's default partner timeouts. */
        Run(Set<String> accepted, Map<String, String> refused, Map<String, Map<String, RecipientStatus>> statuses,
                Map<String, String> unreadable, List<Receipt> receipts, List<Incarnation> incarnations,
                Set<String> expectedRecipients, int maxAttempts, Map<String, List<String>> intake) {
            this(accepted, refused, statuses, unreadable, receipts, incarnations, expectedRecipients, maxAttempts, intake,
                    attemptWindow(DEFAULT_LEASE));
        }

        /**
         * How long before a kill a copy can have been posted by an attempt that was still under way at the kill (its
         * outcome not recorded): twice the attempt's lease. An attempt outlives its lease only when its batch's POSTs
         * take longer than the lease allows for (then its late outcome is fenced); twice is the margin for that.
         */
        static Duration attemptWindow(Duration lease) {
            return lease.multipliedBy(2);
        }
    }

    /** The lease of the gateway's default partner timeouts (5 s connect, 30 s response: 2 × 35 s + 10 s). */
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(80);

    private final Run run;
    private final Map<String, List<String>> findings = new LinkedHashMap<>();
    private int deliveries;
    private int failed;
    private int withheld;
    private int repeats;
    private int allowedRepeats;
    private int maxPogingen;
    private int maxPosts;
    private final Map<String, NodeFigures> nodes = new TreeMap<>();

    /** What one node did: its POSTs, the repeats its kills allowed, and how many of those another node made. */
    private static final class NodeFigures {
        private int posts;
        private int allowedRepeats;
        private int takenOver;
    }

    private CrashVerdict(Run run) {
        this.run = run;
    }

    static CrashVerdict judge(Run run) {
        CrashVerdict verdict = new CrashVerdict(run);
        run.intake().forEach((finding, examples) -> {
            if (!examples.isEmpty()) {
                verdict.findings.computeIfAbsent(finding, k -> new ArrayList<>()).addAll(examples);
            }
        });
        verdict.judgeStatuses();
        verdict.judgeReceipts();
        return verdict;
    }

    /**
     * While a run goes on: how many attempts under way at a kill of this node another node has posted again so far
     * (judged as {@link #takenOver(String)} is, on the receipts and incarnations up to now).
     */
    static int takenOverSoFar(List<Receipt> receipts, List<Incarnation> incarnations, String node, Duration attemptWindow) {
        CrashVerdict verdict = new CrashVerdict(new Run(Set.of(), Map.of(), Map.of(), Map.of(), receipts, incarnations,
                Set.of(), 0, Map.of(), attemptWindow));
        verdict.judgeReceipts();
        return verdict.takenOver(node);
    }

    private record Key(String berichtId, String ontvanger) {
        @Override
        public String toString() {
            return berichtId + "→" + ontvanger;
        }
    }

    private void judgeStatuses() {
        Map<Key, List<Receipt>> received = receivedByDelivery();
        Map<Key, List<Receipt>> posts = postsByDelivery();
        for (String berichtId : new java.util.TreeSet<>(run.accepted())) {
            Map<String, RecipientStatus> recipients = run.statuses().get(berichtId);
            if (run.unreadable().containsKey(berichtId)) {
                find("status API gave no answer (neither 200 nor 404)", berichtId + " " + run.unreadable().get(berichtId));
                continue;
            }
            if (recipients == null) {
                find("accepted (202) but unknown to the status API (404): forgotten", berichtId);
                continue;
            }
            if (!recipients.keySet().equals(run.expectedRecipients())) {
                find("recipients other than the routing rules give", berichtId + " " + recipients.keySet());
            }
            recipients.forEach((ontvanger, status) -> {
                Key key = new Key(berichtId, ontvanger);
                boolean got = received.containsKey(key);
                maxPogingen = Math.max(maxPogingen, status.pogingen());
                switch (status.status()) {
                    case "DELIVERED" -> {
                        deliveries++;
                        if (!got) {
                            find("DELIVERED but the partner never answered 2xx: lost", key.toString());
                        }
                    }
                    case "FAILED" -> {
                        failed++;
                        int kills = killsWhilePosting(posts.getOrDefault(key, List.of()));
                        if (status.pogingen() < run.maxAttempts() || status.pogingen() > run.maxAttempts() + kills) {
                            find("FAILED after other than max-attempts (" + run.maxAttempts() + ", +1 per SIGKILL) attempts",
                                    key + " pogingen=" + status.pogingen() + " kills while posting=" + kills);
                        }
                        // The one allowed disagreement: the partner accepted an attempt whose outcome a SIGKILL lost (sent by an
                        // incarnation that was killed), and the repeats of it all failed. The gateway cannot know; README,
                        // "What a 202 means".
                        if (got && !received.get(key).stream().allMatch(r -> lostOutcome(r))) {
                            find("received by the partner (2xx) but FAILED", key.toString());
                        }
                    }
                    case "WITHHELD" -> {
                        withheld++;
                        if (status.reden() == null || status.reden().isBlank()) {
                            find("WITHHELD without a reason", key.toString());
                        }
                        if (got) {
                            find("received by the partner (2xx) but WITHHELD", key.toString());
                        }
                    }
                    default -> find("not settled (stuck " + status.status() + ")",
                            key + (got ? " (the partner has it)" : " (the partner never had it)"));
                }
            });
        }
        received.keySet().stream().sorted(Comparator.comparing(Key::toString)).forEach(key -> {
            if (run.accepted().contains(key.berichtId())) {
                Map<String, RecipientStatus> recipients = run.statuses().get(key.berichtId());
                if (recipients != null && !recipients.containsKey(key.ontvanger())
                        && !run.unreadable().containsKey(key.berichtId())) {
                    find("received by a partner the status does not name", key.toString());
                }
            } else if (run.refused().containsKey(key.berichtId())) {
                find("refused to the sender but delivered", key + " (answer: " + run.refused().get(key.berichtId()) + ")");
            } else {
                find("received but never accepted by the gateway", key.toString());
            }
        });
    }

    private void judgeReceipts() {
        for (Receipt receipt : run.receipts()) {
            perNode(receipt.node()).posts++;
            if (receipt.berichtId() == null || receipt.berichtId().isBlank()) {
                find("POST without Ketenpoort-BerichtId", receipt.ontvanger() + " at " + receipt.at());
            }
        }
        postsByDelivery().forEach((key, all) -> {
            Set<String> keys = all.stream().map(r -> Objects.requireNonNullElse(r.idempotencyKey(), ""))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            if (keys.size() != 1 || keys.contains("")) {
                find("Idempotency-Key missing or not the same on every copy", key + " " + keys);
            }
            maxPosts = Math.max(maxPosts, all.size());
            int kills = killsAfterPosting(all);
            if (all.size() > run.maxAttempts() + kills) {
                find("more POSTs than max-attempts (" + run.maxAttempts() + ") + 1 per SIGKILL",
                        key + " posts=" + all.size() + " kills after one of its POSTs=" + kills);
            }
            List<Receipt> delivered = all.stream().filter(Receipt::accepted).toList();
            for (int i = 1; i < delivered.size(); i++) {
                repeats++;
                judgeRepeat(key + " copy " + (i + 1), delivered.get(i - 1), delivered.get(i));
            }
        });
    }

    /**
     * A copy the partner accepted again: allowed only as the repeat of an attempt under way on a node when that node
     * was killed (SIGKILL), made after the kill, by a later incarnation of that node or by another node.
     */
    private void judgeRepeat(String copy, Receipt earlier, Receipt repeat) {
        Incarnation first = incarnationOf(earlier);
        Incarnation again = incarnationOf(repeat);
        String where = copy + ": " + name(first) + " (" + end(first) + ") then " + name(again);
        if (first == null || again == null) {
            find("duplicate without a SIGKILL in between", where);
            return;
        }
        boolean sameNode = again.node().equals(first.node());
        // After the first had ended: on the same node a later incarnation; another node only once the first had exited.
        boolean later = sameNode ? again.number() > first.number() : first.endedBefore(repeat.at());
        if (first.equals(again)) {
            find("duplicate within one run of the gateway", where);
        } else if (later && first.killed() && !underWayAtKill(earlier, first)) {
            find("repeat of a copy sent long before the kill (not an attempt under way then)", where + ", copy at "
                    + earlier.at() + ", kill at " + first.ended());
        } else if (later && first.killed()) {
            allowedRepeats++;
            perNode(first.node()).allowedRepeats++;
            if (!sameNode) {
                perNode(first.node()).takenOver++;
            }
        } else if (later && first.end() == Incarnation.End.SIGTERM) {
            find("duplicate across a SIGTERM restart", where);
        } else if (!sameNode) {
            find("duplicate from two nodes at once (a live lease claimed again)", where);
        } else {
            find("duplicate without a SIGKILL in between", where);
        }
    }

    /** Every POST per delivery (any answer), oldest first. */
    private Map<Key, List<Receipt>> postsByDelivery() {
        Map<Key, List<Receipt>> posts = new TreeMap<>(Comparator.comparing(Key::toString));
        for (Receipt receipt : run.receipts()) {
            if (receipt.berichtId() != null && !receipt.berichtId().isBlank()) {
                posts.computeIfAbsent(new Key(receipt.berichtId(), receipt.ontvanger()), k -> new ArrayList<>()).add(receipt);
            }
        }
        posts.values().forEach(list -> list.sort(Comparator.comparing(Receipt::at)));
        return posts;
    }

    /**
     * Whether this copy can have been the POST of an attempt still under way when its sender was killed: sent within
     * the run's attempt window before the kill.
     */
    private boolean underWayAtKill(Receipt copy, Incarnation sender) {
        return sender.killed() && sender.ended() != null
                && copy.at().isAfter(sender.ended().minus(run.attemptWindow()));
    }

    /**
     * The kills that can have left a POST of this delivery with an unknown outcome, so that it was posted once more:
     * incarnations that sent one of its POSTs (the last excepted) within the attempt window before they were killed.
     */
    private int killsAfterPosting(List<Receipt> posts) {
        Set<Incarnation> interrupted = new java.util.HashSet<>();
        for (Receipt post : posts.subList(0, Math.max(0, posts.size() - 1))) {
            Incarnation sender = incarnationOf(post);
            if (sender != null && underWayAtKill(post, sender)) {
                interrupted.add(sender);
            }
        }
        return interrupted.size();
    }

    /**
     * SIGKILLed incarnations (of any node) killed after the one that sent the first POST of a delivery was spawned and
     * before its last POST, the sender of that last one excepted: each may have left one attempt with an unknown
     * outcome (claimed and counted, perhaps posted, not recorded), and with several nodes the killed one need not have
     * posted this delivery at all (claimed, counted, killed before its POST). So this bounds the attempts counted
     * ({@code pogingen}); the POSTs are bounded by {@link #killsAfterPosting}. With one node: the incarnations from the
     * first POST's up to (not including) the last one's.
     */
    private int killsWhilePosting(List<Receipt> posts) {
        if (posts.isEmpty()) {
            return 0;
        }
        Receipt lastPost = posts.get(posts.size() - 1);
        Incarnation first = incarnationOf(posts.get(0));
        Incarnation last = incarnationOf(lastPost);
        if (first == null || last == null) {
            return 0;
        }
        return (int) run.incarnations().stream()
                .filter(i -> i.killed() && !i.equals(last) && i.ended().isAfter(first.spawned())
                        && i.ended().isBefore(lastPost.at()))
                .count();
    }

    /**
     * A 2xx the gateway never learnt of: the POST came from an incarnation that was killed with SIGKILL within the
     * attempt window after it.
     */
    private boolean lostOutcome(Receipt receipt) {
        Incarnation sender = incarnationOf(receipt);
        return sender != null && underWayAtKill(receipt, sender);
    }

    /** Deliveries answered 2xx by the receiver at least once. */
    private Map<Key, List<Receipt>> receivedByDelivery() {
        Map<Key, List<Receipt>> received = new LinkedHashMap<>();
        for (Receipt receipt : run.receipts()) {
            if (receipt.accepted() && receipt.berichtId() != null) {
                received.computeIfAbsent(new Key(receipt.berichtId(), receipt.ontvanger()), k -> new ArrayList<>()).add(receipt);
            }
        }
        return received;
    }

    /**
     * The incarnation that sent a POST: of the POST's node, the one spawned last at least
     * {@link Incarnation#SILENT_AFTER_SPAWN} before the receiver logged it. A request of a killed incarnation may be
     * read by the receiver a little after the next one was spawned; a new JVM cannot post anything that early.
     */
    private Incarnation incarnationOf(Receipt receipt) {
        Instant sentBy = receipt.at().minus(Incarnation.SILENT_AFTER_SPAWN);
        Incarnation found = null;
        for (Incarnation incarnation : run.incarnations()) {
            if (incarnation.node().equals(receipt.node()) && !incarnation.spawned().isAfter(sentBy)
                    && (found == null || incarnation.spawned().isAfter(found.spawned()))) {
                found = incarnation;
            }
        }
        return found;
    }

    private static String name(Incarnation incarnation) {
        return incarnation == null ? "run ?" : incarnation.name();
    }

    private static String end(Incarnation incarnation) {
        return incarnation == null ? "?" : incarnation.end().name();
    }

    private NodeFigures perNode(String node) {
        return nodes.computeIfAbsent(node, k -> new NodeFigures());
    }

    private void find(String finding, String example) {
        findings.computeIfAbsent(finding, k -> new ArrayList<>()).add(example);
    }

    /** Every broken promise, with the deliveries (or answers) concerned. Empty: the run kept every promise. */
    Map<String, List<String>> findings() {
        return findings;
    }

    int deliveries() {
        return deliveries;
    }

    int kills() {
        return (int) run.incarnations().stream().filter(Incarnation::killed).count();
    }

    int stops() {
        return (int) run.incarnations().stream().filter(i -> i.end() == Incarnation.End.SIGTERM).count();
    }

    int repeats() {
        return repeats;
    }

    int allowedRepeats() {
        return allowedRepeats;
    }

    /** The POSTs the partner received from this node. */
    int posts(String node) {
        return nodes.containsKey(node) ? nodes.get(node).posts : 0;
    }

    /** Repeats of attempts under way at a kill of this node that another node made: it claimed the killed node's work. */
    int takenOver(String node) {
        return nodes.containsKey(node) ? nodes.get(node).takenOver : 0;
    }

    /** The names of the nodes that have incarnations: one empty name in a run with one gateway. */
    private Set<String> nodeNames() {
        return run.incarnations().stream().map(Incarnation::node).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Per node, in a run with several: POSTs, kills, stops, repeats after its kills and how many the other node made. */
    private String perNodeSummary() {
        Set<String> names = nodeNames();
        if (names.size() < 2) {
            return "";
        }
        return " | per node: " + names.stream().map(node -> {
            NodeFigures figures = perNode(node);
            long kills = run.incarnations().stream().filter(i -> i.node().equals(node) && i.killed()).count();
            long stops = run.incarnations().stream()
                    .filter(i -> i.node().equals(node) && i.end() == Incarnation.End.SIGTERM).count();
            return node + " posts=" + figures.posts + " kills=" + kills + " stops=" + stops + " duplicates after its kills="
                    + figures.allowedRepeats + " (by another node: " + figures.takenOver + ")";
        }).collect(Collectors.joining("; "));
    }

    /** One line: the size of the run and what it found, by count. */
    String summary(String variant) {
        String found = findings.isEmpty() ? "none" : findings.entrySet().stream()
                .map(e -> e.getValue().size() + " " + e.getKey()).collect(Collectors.joining("; "));
        return "CRASH " + variant + ": accepted=" + run.accepted().size() + " deliveries=" + deliveries
                + " failed=" + failed + " withheld=" + withheld + " refused=" + run.refused().size()
                + " kills=" + kills() + " stops=" + stops() + " duplicates=" + repeats
                + " (after SIGKILL, allowed: " + allowedRepeats + ")"
                + " max-attempts-seen=" + maxPogingen + " (status) / " + maxPosts + " (POSTs of one delivery)"
                + perNodeSummary() + " | findings: " + found;
    }

    /** The summary and every finding with up to {@code examples} of its cases. */
    String report(String variant, int examples) {
        StringBuilder text = new StringBuilder(summary(variant)).append('\n');
        findings.forEach((finding, cases) -> {
            text.append("  ").append(cases.size()).append(" × ").append(finding).append('\n');
            cases.stream().limit(examples).forEach(c -> text.append("      ").append(c).append('\n'));
            if (cases.size() > examples) {
                text.append("      ... ").append(cases.size() - examples).append(" more\n");
            }
        });
        return text.toString();
    }
}
