package nl.hvht.ketenpoort.crash;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.hvht.ketenpoort.crash.CrashVerdict.RecipientStatus;
import nl.hvht.ketenpoort.crash.PartnerReceiver.Mode;
import nl.hvht.ketenpoort.support.TestPki;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

/**
 * The crash suite (issue 9): the packaged jar in its own process under load from careful senders, killed with SIGKILL
 * at random moments and restarted on the same data, then stopped with SIGTERM and restarted, with phases of a slow
 * partner and of a partner answering 503 for a while. Afterwards every message answered 202 must have ended as promised,
 * the status API must agree with what the partner received, and a partner may have received a message twice only
 * where a SIGKILL interrupted the attempt (the documented unknown outcome), always under the same Idempotency-Key
 * (see {@link CrashVerdict}).
 *
 * <p>Once on the gateway's embedded default database, once on a PostgreSQL of the test with fsync and synchronous
 * commit on; in the PostgreSQL run {@link #MAILBOX} collects its copies from its mailbox ({@link PostbusPoller}), so the
 * mailbox is judged by the same rules. Size by system property (README, "Tests and benchmark"): {@code crash.cycles} SIGKILL cycles (default 5),
 * {@code crash.stops} SIGTERM cycles (default 2, or 2/5 of the cycles), {@code crash.rate} messages per second of all
 * {@code crash.senders} together, {@code crash.seed} for the random schedule. Output per variant: a summary line on
 * stdout, {@code target/crash/<variant>-report.txt} and the gateway's log {@code target/crash/<variant>-gateway.log}
 * ({@code <variant>-gateway-<node>.log} per node in {@link #twoNodes()}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashIT {

    private static final int KILLS = Integer.getInteger("crash.cycles", 5);
    private static final int STOPS = Integer.getInteger("crash.stops", Math.max(2, KILLS * 2 / 5));
    private static final int SENDERS = Integer.getInteger("crash.senders", 6);
    private static final double RATE = Double.parseDouble(System.getProperty("crash.rate", "12"));
    private static final int MIN_LOAD_SECONDS = Integer.getInteger("crash.min-load", 5);
    private static final int MAX_LOAD_SECONDS = Integer.getInteger("crash.max-load", 10);
    private static final int MIN_DELIVERIES = Integer.getInteger("crash.min-deliveries", 500);
    private static final Duration SETTLE = Duration.ofSeconds(Integer.getInteger("crash.settle", 60));
    private static final Duration START = Duration.ofSeconds(Integer.getInteger("crash.start-timeout", 120));
    private static final Duration STOP = Duration.ofSeconds(60);
    /** 503 phases last longer than the whole backoff of max-attempts: some deliveries must end FAILED. */
    private static final Duration UNAVAILABLE = Duration.ofSeconds(6);
    private static final int MAX_ATTEMPTS = 6;
    private static final Set<String> RECIPIENTS = Set.of("gemeente-enschede", "reclassering-nederland");
    /** The recipient that collects from its mailbox in the PostgreSQL run (bezorging: ophalen). */
    private static final String MAILBOX = "gemeente-enschede";
    private static final Path OUT = Path.of("target", "crash");
    /** The random schedules of all runs derive from this ({@code crash.seed} repeats a run). */
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    /** The two-node run: SIGKILLs of a gateway node (alternating), rolling restarts with SIGTERM, SIGKILLs of the live broker. */
    private static final int NODE_KILLS = Integer.getInteger("crash.two-nodes.kills", 1);
    private static final int ROLLING_RESTARTS = Integer.getInteger("crash.two-nodes.rolling-restarts", 1);
    private static final int BROKER_KILLS = Integer.getInteger("crash.two-nodes.broker-kills", 1);
    private static final List<String> TWO_NODES = List.of("knooppunt-a", "knooppunt-b");
    /** Two gateways, two brokers and PostgreSQL share the cores: a smaller heap, one GC thread, no C2 compiler. */
    private static final List<String> TWO_NODE_JVM = List.of(
            System.getProperty("crash.two-nodes.jvm", "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").split("\\s+"));
    /**
     * Partner timeouts of the two-node run: an attempt's lease (twice their sum plus 10 s: 34 s) is how long a killed
     * node's unfinished work waits before the other node claims it. Above the slow partner's 5 s.
     */
    private static final List<String> SHORT_LEASE = List.of(
            "--ketenpoort.delivery.connect-timeout=2s", "--ketenpoort.delivery.response-timeout=10s");
    private static final Duration LEASE = Duration.ofSeconds(2 * (2 + 10) + 10);

    @Test
    @Order(1)
    void embeddedDefaultDatabase() throws Exception {
        crashRun(new Setup("embedded", GatewayNodes.ONE, GatewayProcess.ONE_NODE_JVM, List.of(), false,
                gatewayPlan(new Random(SEED)), null));
    }

    @Test
    @Order(2)
    void postgresWithFsync() throws Exception {
        try (EmbeddedPostgres postgres = TestPostgres.startDurable()) {
            crashRun(new Setup("postgres", GatewayNodes.ONE, GatewayProcess.ONE_NODE_JVM,
                    postgres(postgres, "ketenpoort_crash"), true, gatewayPlan(new Random(SEED + 1)), null));
        }
    }

    /**
     * The production topology's broker: an Artemis shared-store HA pair ({@link BrokerPair}) instead of the embedded
     * broker, on the tests' PostgreSQL with fsync. The gateway starts before the pair: it must become ready, take
     * messages and deliver them without any broker; then the pair starts. The live broker is killed with SIGKILL under load (the backup takes
     * over, and the gateway must reach it through the HA URL: its JMS health is UP again without a restart of the
     * gateway), the primary is started again (fail-back), killed once more; the gateway itself is killed and stopped
     * in between. Judged by the same rules as the other runs.
     */
    @Test
    @Order(3)
    void artemisPairFailover() throws Exception {
        Random random = new Random(SEED + 2);
        List<Cycle> plan = List.of(
                new Cycle(Mode.NORMAL, randomLoad(random), null, BrokerStep.START_PAIR),
                new Cycle(Mode.NORMAL, randomLoad(random), null, BrokerStep.KILL_PRIMARY),
                new Cycle(Mode.NORMAL, randomLoad(random), Incarnation.End.SIGKILL, null),
                new Cycle(Mode.SLOW, randomLoad(random), null, BrokerStep.RESTART_PRIMARY),
                new Cycle(Mode.NORMAL, randomLoad(random), null, BrokerStep.KILL_PRIMARY),
                new Cycle(Mode.NORMAL, randomLoad(random), Incarnation.End.SIGTERM, null));
        onPostgresAndBrokerPair("brokers", "broker-pair", (services, brokers) -> new Setup("brokers", GatewayNodes.ONE,
                GatewayProcess.ONE_NODE_JVM, services, false, plan, brokers));
    }

    /**
     * The production topology (issue 11): two gateway nodes from the packaged jar ({@code knooppunt-a},
     * {@code knooppunt-b}: cluster mode {@code shared}, each its own ports, node-id and partner base URL) on one
     * PostgreSQL with fsync and one Artemis shared-store pair, the senders spread over both nodes (re-posting to the
     * other after an unclear answer). Under load the live broker is killed (both nodes must reach the backup by
     * themselves); one node is killed with SIGKILL while the partner is slow, and stays down until the other node has
     * claimed its unfinished work (the lease ran out) and posted it again, then starts again; then a rolling restart:
     * each node stopped with SIGTERM and started again while the other serves, which must repeat nothing. Judged by the
     * same rules, per node: a repeat only of an attempt under way on a node when that node was killed.
     */
    @Test
    @Order(4)
    void twoNodes() throws Exception {
        onPostgresAndBrokerPair("twonodes", "twonodes-broker", (services, brokers) -> {
            List<String> arguments = new ArrayList<>(services);
            arguments.add("--ketenpoort.cluster.mode=shared");
            arguments.addAll(SHORT_LEASE);
            return new Setup("twonodes", TWO_NODES, TWO_NODE_JVM, arguments, false, twoNodePlan(new Random(SEED + 3)),
                    brokers);
        });
    }

    /**
     * A run on the tests' PostgreSQL with fsync (database {@code ketenpoort_<variant>}) and an Artemis shared-store pair
     * (its logs under {@code target/crash/<brokerLog>-*}), both started for the run and removed after it; {@code setup}
     * makes the run's set-up from the services' gateway arguments and the broker pair.
     */
    private void onPostgresAndBrokerPair(String variant, String brokerLog,
            BiFunction<List<String>, BrokerPair, Setup> setup) throws Exception {
        Path work = Files.createTempDirectory("ketenpoort-crash-" + variant + "-");
        Files.createDirectories(OUT);
        try (EmbeddedPostgres postgres = TestPostgres.startDurable();
                BrokerPair brokers = new BrokerPair(work, OUT, brokerLog, freePort(), freePort())) {
            Setup run = setup.apply(externalServices(postgres, "ketenpoort_" + variant, brokers), brokers);
            if (run.plan().get(0).broker() != BrokerStep.START_PAIR) {
                brokers.start();
            }
            crashRun(run);
        }
        FileSystemUtils.deleteRecursively(work);
    }

    /** A database of its own on the tests' PostgreSQL instead of the embedded one. */
    private static List<String> postgres(EmbeddedPostgres postgres, String database) {
        String url = TestPostgres.createDatabase(postgres, database) + "&reWriteBatchedInserts=true";
        return List.of(
                "--ketenpoort.database.embedded.enabled=false",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=");
    }

    /** The tests' PostgreSQL and the Artemis pair (HA URL) instead of the embedded database and broker. */
    private static List<String> externalServices(EmbeddedPostgres postgres, String database, BrokerPair brokers) {
        List<String> arguments = new ArrayList<>(postgres(postgres, database));
        arguments.addAll(List.of(
                "--spring.artemis.mode=native",
                "--spring.artemis.embedded.enabled=false",
                "--spring.artemis.broker-url=" + brokers.brokerUrl()));
        return arguments;
    }

    /**
     * What a run is: its name, its gateway nodes ({@link GatewayNodes#ONE} or named nodes) and their JVM options, the
     * arguments of every node beyond the common ones (database, broker, cluster), whether {@link #MAILBOX} collects
     * from its mailbox ({@code bezorging: ophalen}, polled by a {@link PostbusPoller}) instead of having copies pushed,
     * the plan, and the broker pair when there is one.
     */
    record Setup(String variant, List<String> nodes, List<String> jvm, List<String> arguments, boolean mailbox,
            List<Cycle> plan, BrokerPair brokers) {

        /** An attempt's lease in this run: the two-node run shortens the partner timeouts, the others keep the defaults. */
        Duration lease() {
            return arguments.containsAll(SHORT_LEASE) ? LEASE : CrashVerdict.DEFAULT_LEASE;
        }
    }

    private void crashRun(Setup setup) throws Exception {
        String variant = setup.variant();
        List<Cycle> plan = setup.plan();
        long seed = SEED;
        Files.createDirectories(OUT);
        Path work = Files.createTempDirectory("ketenpoort-crash-" + variant + "-");
        // Readable for a database server the gateway may run as another user (PostgreSQL refuses root).
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = OUT.resolve(variant + "-gateway" + (setup.nodes().size() > 1 ? "-<node>" : "") + ".log");

        try (PartnerReceiver receiver = new PartnerReceiver()) {
            List<String> arguments = new ArrayList<>(List.of(
                    "--management.endpoint.health.probes.enabled=true",
                    "--ketenpoort.pki.dir=" + TestPki.dir(),
                    "--ketenpoort.routing.rules-dir=" + Path.of("routes").toAbsolutePath(),
                    "--ketenpoort.demo.enabled=false",
                    "--ketenpoort.demo.generate-certs=false",
                    "--ketenpoort.demo.seed-consent=false",
                    "--ketenpoort.delivery.max-attempts=" + MAX_ATTEMPTS,
                    "--ketenpoort.delivery.redelivery-delay=200ms",
                    "--ketenpoort.delivery.max-redelivery-delay=2s",
                    "--ketenpoort.delivery.outbox-sweep-after=5s"));
            arguments.addAll(setup.arguments());
            if (setup.mailbox()) {
                arguments.add("--spring.config.additional-location=file:" + mailboxNetwork(work));
            }
            System.out.printf("CRASH %s: seed=%d, %d cycles %s, %d senders at %.0f msg/s%s; work dir %s, log %s%n",
                    variant, seed, plan.size(), plan, SENDERS, RATE,
                    setup.nodes().size() > 1 ? " over nodes " + setup.nodes() : "", work, log);

            try (GatewayNodes gateways = new GatewayNodes(variant, work, OUT, setup.nodes(), setup.jvm(), arguments,
                    receiver::baseUrl, START);
                    PostbusPoller poller = new PostbusPoller(MAILBOX, gateways.firstPort())) {
                gateways.start();
                if (setup.mailbox()) {
                    poller.start();
                }
                List<PartnerApi> apis = gateways.apis();
                PartnerApi api = apis.get(0);
                String deelnemer = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
                api.registerFullConsent(deelnemer, List.copyOf(RECIPIENTS));

                CrashVerdict verdict;
                Map<String, List<String>> findings = new TreeMap<>();
                try (Senders senders = new Senders(apis, PartnerApi.overdrachten(deelnemer), SENDERS, RATE)) {
                    senders.start();
                    for (Cycle cycle : plan) {
                        if (cycle.mode() == Mode.UNAVAILABLE) {
                            receiver.unavailableFor(UNAVAILABLE);
                        } else {
                            receiver.mode(cycle.mode());
                        }
                        loadFor(cycle.load());
                        if (cycle.broker() != null) {
                            brokerStep(cycle.broker(), setup.brokers(), gateways, receiver);
                        } else if (cycle.end() == Incarnation.End.SIGKILL) {
                            GatewayProcess gateway = gateways.node(cycle.node());
                            int takenOver = takenOver(receiver, gateways, cycle.node());
                            gateway.kill();
                            if (gateways.size() > 1) {
                                awaitTakeOver(receiver, gateways, cycle.node(), takenOver, findings);
                            }
                            gateway.start();
                        } else {
                            GatewayProcess gateway = gateways.node(cycle.node());
                            gateway.stop(STOP);
                            gateway.start();
                        }
                    }
                    receiver.mode(Mode.NORMAL);
                    // A slow machine accepts less between the kills: the load goes on (no more kills) until the run is
                    // big enough to judge, with a fifth to spare for deliveries that end FAILED after a 503 phase, so
                    // the size floor does not depend on how fast this machine restarts.
                    await("enough deliveries accepted").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                            .until(() -> senders.accepted().size() * RECIPIENTS.size() >= MIN_DELIVERIES * 6 / 5);
                    senders.finish();
                    await("every sender has a definitive answer").atMost(Duration.ofMinutes(3))
                            .pollInterval(Duration.ofMillis(200)).until(senders::finished);

                    Set<String> accepted = senders.accepted();
                    findings.putAll(senders.findings());
                    Statuses statuses = settle(api, () -> latest(receiver.lastReceipt(), poller.lastActivity()), accepted);
                    poller.close();
                    gateways.stop(STOP);
                    if (!gateways.problems().isEmpty()) {
                        findings.put("gateway did not stop or start cleanly", gateways.problems());
                    }
                    verdict = CrashVerdict.judge(new CrashVerdict.Run(accepted, senders.refused(), statuses.known(),
                            statuses.unreadable(), receipts(receiver, poller), gateways.incarnations(), RECIPIENTS,
                            MAX_ATTEMPTS, findings, CrashVerdict.Run.attemptWindow(setup.lease())));
                    System.out.println("CRASH " + variant + " answers to the senders: " + senders.answers());
                    if (setup.brokers() != null) {
                        System.out.println("CRASH " + variant + " broker pair: " + setup.brokers().actions());
                    }
                    if (setup.mailbox()) {
                        System.out.println("CRASH " + variant + " mailbox of " + MAILBOX + ": " + poller.receipts().size()
                                + " copies fetched, " + poller.errors() + " calls failed (gateway down)");
                    }
                }
                String report = verdict.report(variant, 15);
                Files.writeString(OUT.resolve(variant + "-report.txt"), report);
                System.out.println(verdict.summary(variant));

                List<String> wrong = size(verdict, plan, setup.nodes());
                if (!verdict.findings().isEmpty() || !wrong.isEmpty()) {
                    fail("crash run '%s' broke promises (seed %d; data kept in %s, log %s):%n%s%s", variant, seed, work,
                            log, wrong.isEmpty() ? "" : "size: " + wrong + "\n", report);
                }
            }
        }
        FileSystemUtils.deleteRecursively(work);
    }

    /**
     * What the run must have been to count: every planned SIGKILL, enough deliveries, and with several nodes POSTs
     * from every node (the load was spread) and, per SIGKILL of a node, a repeat by another node of an attempt the
     * killed one had under way (the other node claimed its unfinished work).
     */
    private static List<String> size(CrashVerdict verdict, List<Cycle> plan, List<String> nodes) {
        List<String> wrong = new ArrayList<>();
        long kills = plan.stream().filter(c -> c.end() == Incarnation.End.SIGKILL).count();
        if (verdict.kills() < kills) {
            wrong.add("only " + verdict.kills() + " SIGKILLs, " + kills + " planned");
        }
        if (verdict.deliveries() < MIN_DELIVERIES) {
            wrong.add("only " + verdict.deliveries() + " deliveries, at least " + MIN_DELIVERIES + " wanted");
        }
        if (nodes.size() > 1) {
            for (String node : nodes) {
                long nodeKills = plan.stream().filter(c -> c.end() == Incarnation.End.SIGKILL && c.node().equals(node)).count();
                if (verdict.posts(node) == 0) {
                    wrong.add("no POST from node " + node);
                }
                if (verdict.takenOver(node) < nodeKills) {
                    wrong.add("only " + verdict.takenOver(node) + " attempts of " + node + " repeated by another node after "
                            + nodeKills + " SIGKILL(s)");
                }
            }
        }
        return wrong;
    }

    /** Repeats so far by another node of attempts under way at a kill of this node. */
    private static int takenOver(PartnerReceiver receiver, GatewayNodes gateways, String node) {
        return CrashVerdict.takenOverSoFar(receiver.receipts(), gateways.incarnations(), node,
                CrashVerdict.Run.attemptWindow(LEASE));
    }

    /**
     * After a SIGKILL of one node of several: the load goes on over the other node(s) until one of them has posted
     * again an attempt the killed node had under way (its lease ran out, another node claimed it), so that the killed
     * node does not take its own work back at its restart. Not within the lease and a minute: a finding.
     */
    private static void awaitTakeOver(PartnerReceiver receiver, GatewayNodes gateways, String node, int before,
            Map<String, List<String>> findings) {
        try {
            await("another node claims the unfinished work of " + node).atMost(LEASE.plusSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> takenOver(receiver, gateways, node) > before);
        } catch (ConditionTimeoutException e) {
            findings.computeIfAbsent("no other node took over the unfinished work of a killed node", k -> new ArrayList<>())
                    .add(node + ": nothing it had under way posted by another node within " + LEASE.plusSeconds(60));
        }
    }

    /**
     * A phase of load: the partner's mode, how long the load runs, and what ends it: the end of a gateway ({@code end};
     * of the node named {@code node}, empty in a run with one gateway), or a step of the broker pair ({@code broker};
     * the gateways keep running).
     */
    record Cycle(Mode mode, Duration load, Incarnation.End end, BrokerStep broker, String node) {

        /** A cycle of a run with one gateway. */
        Cycle(Mode mode, Duration load, Incarnation.End end, BrokerStep broker) {
            this(mode, load, end, broker, "");
        }

        @Override
        public String toString() {
            return (broker != null ? broker.name() : end.name()) + (node.isEmpty() || broker != null ? "" : "@" + node)
                    + "/" + mode + "/" + load.toSeconds() + "s";
        }
    }

    /** What a cycle of the broker variant does to the Artemis pair. */
    enum BrokerStep {
        /**
         * The pair starts (primary live, backup waiting): until then the gateway has started, become ready, taken
         * messages and delivered them without any broker, the broker being only the doorbell between nodes.
         */
        START_PAIR,
        /** SIGKILL of the live primary: the backup takes over. */
        KILL_PRIMARY,
        /** The primary starts again and takes over from the backup (fail-back). */
        RESTART_PRIMARY
    }

    /**
     * One step of the broker pair, then wait until every gateway's broker connection is healthy again through whichever
     * broker is live: each must fail over by itself, without a restart.
     */
    private static void brokerStep(BrokerStep step, BrokerPair brokers, GatewayNodes gateways, PartnerReceiver receiver) {
        switch (step) {
            case START_PAIR -> {
                await("deliveries while no broker runs").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200)).until(() -> !receiver.receipts().isEmpty());
                brokers.start();
            }
            case KILL_PRIMARY -> brokers.killPrimary();
            case RESTART_PRIMARY -> brokers.restartPrimary();
        }
        await("every gateway's JMS health UP after " + step).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> gateways.healthy("jms"));
    }

    /** First the SIGKILL cycles, then the SIGTERM cycles; a slow and a 503 phase among the kills, a slow one among the stops. */
    private static List<Cycle> gatewayPlan(Random random) {
        List<Mode> killModes = List.of(Mode.NORMAL, Mode.SLOW, Mode.NORMAL, Mode.UNAVAILABLE, Mode.NORMAL);
        List<Mode> stopModes = List.of(Mode.SLOW, Mode.NORMAL, Mode.UNAVAILABLE);
        List<Cycle> plan = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            plan.add(new Cycle(killModes.get(i % killModes.size()), randomLoad(random), Incarnation.End.SIGKILL, null));
        }
        for (int i = 0; i < STOPS; i++) {
            plan.add(new Cycle(stopModes.get(i % stopModes.size()), randomLoad(random), Incarnation.End.SIGTERM, null));
        }
        return plan;
    }

    /**
     * Per round (as many as the largest of the three counts): a SIGKILL of the live broker (from the second on after
     * the primary was started again), a SIGKILL of a node (alternating) while the partner is slow, and a rolling restart
     * with SIGTERM, the second node's stop while the partner is slow.
     */
    private static List<Cycle> twoNodePlan(Random random) {
        List<Cycle> plan = new ArrayList<>();
        for (int round = 0; round < Math.max(NODE_KILLS, Math.max(ROLLING_RESTARTS, BROKER_KILLS)); round++) {
            if (round < BROKER_KILLS) {
                if (round > 0) {
                    plan.add(new Cycle(Mode.NORMAL, randomLoad(random), null, BrokerStep.RESTART_PRIMARY));
                }
                plan.add(new Cycle(Mode.NORMAL, randomLoad(random), null, BrokerStep.KILL_PRIMARY));
            }
            if (round < NODE_KILLS) {
                plan.add(new Cycle(Mode.SLOW, randomLoad(random), Incarnation.End.SIGKILL, null,
                        TWO_NODES.get(round % TWO_NODES.size())));
            }
            if (round < ROLLING_RESTARTS) {
                for (int i = 0; i < TWO_NODES.size(); i++) {
                    plan.add(new Cycle(i == 0 ? Mode.NORMAL : Mode.SLOW, randomLoad(random), Incarnation.End.SIGTERM, null,
                            TWO_NODES.get(i)));
                }
            }
        }
        return plan;
    }

    private static Duration randomLoad(Random random) {
        return Duration.ofMillis(1000L * MIN_LOAD_SECONDS + random.nextInt(1000 * (MAX_LOAD_SECONDS - MIN_LOAD_SECONDS) + 1));
    }

    /** Load runs (on the senders' threads) for this long: the random moment of the next kill or stop. */
    private static void loadFor(Duration load) {
        await().pollDelay(load).atMost(load.plusSeconds(5)).until(() -> true);
    }

    /** What the status API said at the end: per message its recipients (absent: 404), and what it never answered. */
    record Statuses(Map<String, Map<String, RecipientStatus>> known, Map<String, String> unreadable) {
    }

    /**
     * Waits until the status API says every accepted message is settled and the partner has received nothing for 3 s,
     * at most {@link #SETTLE}; then reads every status once more. What is still unsettled then stays so in the verdict.
     */
    /** What the partners received: the receiver's POSTs and the copies fetched from the mailbox, oldest first. */
    private static List<Receipt> receipts(PartnerReceiver receiver, PostbusPoller poller) {
        List<Receipt> all = new ArrayList<>(receiver.receipts());
        all.addAll(poller.receipts());
        all.sort(java.util.Comparator.comparing(Receipt::at));
        return all;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /**
     * The example network with {@link #MAILBOX} collecting from its mailbox: partners-example.yml with that partner's
     * endpoint replaced by {@code bezorging: ophalen}, as an additional configuration file (its list replaces the
     * imported one).
     */
    private static Path mailboxNetwork(Path work) throws java.io.IOException {
        String network = Files.readString(Path.of("src", "main", "resources", "partners-example.yml"));
        String endpoint = "        endpoint: ${ketenpoort.demo.partner-base-url}/" + MAILBOX + "\n";
        if (!network.contains(endpoint)) {
            throw new IllegalStateException("partners-example.yml has no push endpoint for " + MAILBOX);
        }
        Path file = work.resolve("partners-mailbox.yml");
        Files.writeString(file, network.replace(endpoint, "        bezorging: ophalen\n"));
        return file;
    }

    private static Statuses settle(PartnerApi api, java.util.function.Supplier<Instant> lastActivity, Set<String> accepted) {
        Map<String, Optional<Map<String, RecipientStatus>>> settled = new ConcurrentHashMap<>();
        Map<String, String> errors = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            try {
                await("every accepted message settled, the partner quiet").atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            List<String> open = accepted.stream().filter(id -> !settled.containsKey(id)).toList();
                            read(api, readers, open, errors).forEach((id, status) -> {
                                if (status.isEmpty() || status.get().values().stream()
                                        .allMatch(r -> CrashVerdict.SETTLED.contains(r.status()))) {
                                    settled.put(id, status);
                                }
                            });
                            Instant last = lastActivity.get();
                            return settled.size() == accepted.size()
                                    && (last == null || last.isBefore(Instant.now().minusSeconds(3)));
                        });
            } catch (ConditionTimeoutException e) {
                System.out.println("CRASH not settled within " + SETTLE + ": " + (accepted.size() - settled.size())
                        + " message(s) still open");
            }
            // Once more, all of them; a read refused (429 of the rate limit, 503) is read again at the next poll.
            Map<String, Optional<Map<String, RecipientStatus>>> last = new ConcurrentHashMap<>();
            errors.clear();
            try {
                await("every status read once more").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            last.putAll(read(api, readers, accepted.stream().filter(id -> !last.containsKey(id)).toList(),
                                    errors));
                            return last.size() == accepted.size();
                        });
            } catch (ConditionTimeoutException e) {
                System.out.println("CRASH status API did not answer for " + (accepted.size() - last.size()) + " message(s)");
            }
            Map<String, Map<String, RecipientStatus>> known = new HashMap<>();
            Map<String, String> unreadable = new HashMap<>();
            for (String id : accepted) {
                Optional<Map<String, RecipientStatus>> status = last.get(id);
                if (status == null) {
                    unreadable.put(id, errors.getOrDefault(id, "?"));
                } else {
                    status.ifPresent(recipients -> known.put(id, recipients));
                }
            }
            return new Statuses(known, unreadable);
        } finally {
            readers.shutdownNow();
        }
    }

    /** The statuses of these messages, read concurrently; a message whose read failed is left out (error kept). */
    private static Map<String, Optional<Map<String, RecipientStatus>>> read(PartnerApi api, ExecutorService readers,
            List<String> ids, Map<String, String> errors) throws InterruptedException {
        Map<String, Future<Optional<Map<String, RecipientStatus>>>> reads = new HashMap<>();
        for (String id : ids) {
            reads.put(id, readers.submit(() -> api.status(id)));
        }
        Map<String, Optional<Map<String, RecipientStatus>>> result = new HashMap<>();
        for (var read : reads.entrySet()) {
            try {
                result.put(read.getKey(), read.getValue().get());
            } catch (java.util.concurrent.ExecutionException e) {
                errors.put(read.getKey(), String.valueOf(e.getCause()));
            }
        }
        return result;
    }

    /** A port for a broker of the pair: outside the ephemeral range (see {@link ListenPorts}). */
    private static int freePort() {
        return ListenPorts.free();
    }
}
