package nl.hvht.ketenpoort.benchmark;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import nl.hvht.ketenpoort.bericht.BerichtProperties;
import nl.hvht.ketenpoort.bericht.BerichtSchema;
import nl.hvht.ketenpoort.bericht.CategorieCatalog;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.VerstrekkingGrondslag;
import nl.hvht.ketenpoort.bericht.BerichtParser;
import nl.hvht.ketenpoort.bericht.ParsedBericht;
import nl.hvht.ketenpoort.bericht.Redactor;
import nl.hvht.ketenpoort.bericht.Verstrekking;
import nl.hvht.ketenpoort.signing.BerichtSigner;
import nl.hvht.ketenpoort.signing.TestSignatures;
import nl.hvht.ketenpoort.support.TestPki;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * The limit of each stage a two-recipient message passes, measured on its own in the load process with the gateway
 * idle: how many operations per second it sustains on this machine, and from that how many messages per second it
 * would allow. Each stage runs {@code warmup} (not counted), then {@code measure}.
 */
final class StageLimits {

    /** Messages per commit in the Artemis and database stages. */
    static final int BATCH = 64;
    /**
     * Rows per message in the database stage, as today's core writes them (db_rows_per_msg): the ledger row, a delivery
     * row per recipient, a consent decision per recipient at intake and at delivery, and 11 audit records (RECEIVED,
     * and per recipient CONSENT_DECISION at intake, QUEUED, DELIVERY_ATTEMPT, CONSENT_DECISION at delivery, DELIVERED).
     */
    static final int BERICHT_ROWS = 1;
    static final int BEZORGING_ROWS = 2;
    static final int BESLUIT_ROWS = 4;
    static final int AUDIT_ROWS = 11;
    /** The gateway's migration that chooses how bodies and copies are compressed (lz4 where the server has it). */
    private static final String V28 = "db/migration/postgresql/V28__berichtinhoud_opslag.sql";

    /**
     * One stage's limit: {@code opsPerSecond} of what it does ({@code unit}), {@code opsPerMessage} of those per
     * two-recipient message.
     */
    record Stage(String key, String unit, double opsPerSecond, double opsPerMessage, OptionalDouble cpuMicrosPerOp) {

        Stage(String key, String unit, double opsPerSecond, double opsPerMessage) {
            this(key, unit, opsPerSecond, opsPerMessage, OptionalDouble.empty());
        }

        Stage(String key, String unit, Rate rate, double opsPerMessage) {
            this(key, unit, rate.opsPerSecond(), opsPerMessage, OptionalDouble.of(rate.cpuMicrosPerOp()));
        }

        double messagesPerSecond() {
            return opsPerSecond / opsPerMessage;
        }

        /** CPU microseconds of this stage per two-recipient message, where the stage runs only on its own threads. */
        OptionalDouble cpuMicrosPerMessage() {
            return cpuMicrosPerOp.isPresent() ? OptionalDouble.of(cpuMicrosPerOp.getAsDouble() * opsPerMessage)
                    : OptionalDouble.empty();
        }
    }

    /**
     * What {@code threads} threads did in the measured interval: operations per second of wall time, and the CPU time
     * of those threads per operation (from the JVM's thread CPU accounting: unlike the rate, it does not depend on what
     * else runs on the cores, so it is the figure to compare with the gateway's CPU per message).
     */
    record Rate(double opsPerSecond, double cpuMicrosPerOp) {
    }

    private final Duration warmup;
    private final Duration measure;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final byte[] overdracht;
    private final BerichtParser parser = new BerichtParser(BerichtProperties.defaults(), new BerichtSchema(),
            new CategorieCatalog());
    private byte[] signedCopy;

    StageLimits(Overdrachten messages, Duration warmup, Duration measure) {
        this.overdracht = messages.next().xml().getBytes(StandardCharsets.UTF_8);
        this.warmup = warmup;
        this.measure = measure;
    }

    /** Parse and validate (hardened SAX, XSD, JAXB) of one overdracht, on every core. */
    Stage parseValidate() throws Exception {
        return new Stage("parse_validate", "messages", measured(cores, () -> {
            parser.parse(overdracht);
            return 1;
        }), 1);
    }

    /** Cut one recipient's copy (Redactor) and sign it (CMS, the test PKI's gateway signing key), on every core. */
    Stage redactSign() throws Exception {
        BerichtSchema schema = new BerichtSchema();
        Redactor redactor = new Redactor(new CategorieCatalog());
        BerichtSigner signer = TestSignatures.gatewaySigner();
        ParsedBericht message = parser.parse(overdracht);
        VerstrekkingGrondslag grond = VerstrekkingGrondslag.toestemming(UUID.randomUUID(), 1);
        Verstrekking gemeente = new Verstrekking("gemeente-enschede", grond);
        Verstrekking reclassering = new Verstrekking("reclassering-nederland", grond);
        Set<Categorie> withheld = EnumSet.of(Categorie.GEZONDHEID, Categorie.BEHANDELING);
        signedCopy = signer.sign(redactor.cut(message, Set.of(), reclassering));
        AtomicLong n = new AtomicLong();
        return new Stage("redact_sign", "copies", measured(cores, () -> {
            boolean even = (n.incrementAndGet() & 1) == 0;
            signer.sign(redactor.cut(message, even ? withheld : Set.of(), even ? gemeente : reclassering));
            return 1;
        }), 2);
    }

    /**
     * Durable Artemis: an embedded broker with a persistent journal in {@code dir}; one producer sends signed copies
     * (persistent, {@value #BATCH} per transaction) while one consumer receives them ({@value #BATCH} per transaction).
     * Counts the received ones.
     */
    Stage artemisBatch(Path dir) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dir.resolve("largemessages").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.addAcceptorConfiguration("in-vm", "vm://0");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config).start();
        byte[] body = copy();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
                Connection producing = factory.createConnection();
                Connection consuming = factory.createConnection()) {
            consuming.start();
            Session sending = producing.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = sending.createQueue("benchmark.stage");
            MessageProducer producer = sending.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Session receiving = consuming.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = receiving.createConsumer(queue);
            AtomicBoolean stop = new AtomicBoolean();
            Thread sender = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        for (int i = 0; i < BATCH; i++) {
                            BytesMessage message = sending.createBytesMessage();
                            message.writeBytes(body);
                            producer.send(message);
                        }
                        sending.commit();
                    }
                } catch (Exception e) {
                    if (!stop.get()) {
                        throw new IllegalStateException("artemis stage: send failed", e);
                    }
                }
            }, "stage-artemis-sender");
            sender.start();
            // One consumer thread: the measuring thread itself (a JMS session is single-threaded).
            double rate = rate(1, () -> {
                int received = 0;
                while (received < BATCH && consumer.receive(1000) != null) {
                    received++;
                }
                receiving.commit();
                return received;
            });
            stop.set(true);
            sender.join(10_000);
            return new Stage("artemis_batch", "jobs", rate, 2);
        } finally {
            broker.stop();
        }
    }

    /**
     * One commit of the rows of {@value #BATCH} messages (batched inserts of ledger, delivery, consent decision and
     * audit rows of the same size as the gateway's) into scratch tables of the durable PostgreSQL, from two
     * connections at once.
     */
    Stage databaseCommit(DataSource database) throws Exception {
        try (var connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute("""
                    create table stage_bericht (bericht_id uuid primary key, bericht_type varchar(40), afzender varchar(64),
                        deelnemer_id varchar(40), deelnemer_pseudoniem varchar(40), doel varchar(40), categorieen varchar(200),
                        inhoud_sha256 varchar(64), inhoud bytea, trace_id varchar(64), ontvangen_op timestamptz)""");
            statement.execute("""
                    create table stage_bezorging (bericht_id uuid references stage_bericht, ontvanger varchar(64),
                        status varchar(16), grondslag varchar(1000), ondertekend bytea, pogingen int, bijgewerkt_op timestamptz,
                        primary key (bericht_id, ontvanger))""");
            statement.execute("""
                    create table stage_besluit (id bigint generated always as identity primary key, moment timestamptz,
                        bericht_id varchar(100), ontvanger varchar(64), deelnemer_pseudoniem varchar(64), fase varchar(16),
                        uitkomst varchar(16), verklaring_id uuid, categorieen varchar(400), grondslag varchar(1000))""");
            statement.execute("""
                    create table stage_audit (volgnummer bigint primary key, tijdstip timestamptz, trace_id varchar(100),
                        stap varchar(32), bericht_id varchar(200), bericht_type varchar(64), afzender varchar(100),
                        ontvanger varchar(100), deelnemer_pseudoniem varchar(64), categorieen varchar(300), uitkomst varchar(64),
                        vorige_hash varchar(64), hash varchar(64))""");
            // Body and copies stored as the gateway stores them: its own migration, run on the scratch tables.
            statement.execute(new ClassPathResource(V28).getContentAsString(StandardCharsets.UTF_8)
                    .replace("alter table bericht ", "alter table stage_bericht ")
                    .replace("alter table bezorging ", "alter table stage_bezorging "));
            statement.execute("create index on stage_audit (bericht_id)");
            statement.execute("create index on stage_audit (deelnemer_pseudoniem, volgnummer)");
            statement.execute("create index on stage_besluit (bericht_id)");
        }
        byte[] body = copy();
        AtomicLong volgnummer = new AtomicLong();
        String hash = "0".repeat(64);
        String pseudoniem = "p-" + "ab".repeat(16);
        String categorieen = "identificatie,detentie,basisvoorwaarden,leefgebieden,gezondheid,behandeling,risico,netwerk";
        String grondslag = "toestemming:" + UUID.randomUUID() + ":1";
        double rate = rate(2, () -> {
            try (var connection = database.getConnection()) {
                connection.setAutoCommit(false);
                Timestamp now = new Timestamp(System.currentTimeMillis());
                try (PreparedStatement bericht = connection.prepareStatement(
                        "insert into stage_bericht values (?, 'Overdracht', 'hvht', 'DEELNEMER-0001', ?, 'nazorg', ?, ?, ?, ?, ?)");
                        PreparedStatement bezorging = connection.prepareStatement(
                                "insert into stage_bezorging values (?, ?, 'QUEUED', ?, ?, 0, ?)");
                        PreparedStatement besluit = connection.prepareStatement(
                                "insert into stage_besluit (moment, bericht_id, ontvanger, deelnemer_pseudoniem, fase, uitkomst,"
                                        + " verklaring_id, categorieen, grondslag) values (?, ?, ?, ?, 'INTAKE', 'ALLOWED', ?, ?, ?)");
                        PreparedStatement audit = connection.prepareStatement(
                                "insert into stage_audit values (?, ?, ?, 'CONSENT_DECISION', ?, 'Overdracht', 'hvht', ?, ?, ?, 'ALLOWED', ?, ?)")) {
                    for (int m = 0; m < BATCH; m++) {
                        UUID id = UUID.randomUUID();
                        bericht.setObject(1, id);
                        bericht.setString(2, pseudoniem);
                        bericht.setString(3, categorieen);
                        bericht.setString(4, hash);
                        bericht.setBytes(5, overdracht);
                        bericht.setString(6, id.toString());
                        bericht.setTimestamp(7, now);
                        bericht.addBatch();
                        for (int r = 0; r < BEZORGING_ROWS; r++) {
                            bezorging.setObject(1, id);
                            bezorging.setString(2, Overdrachten.RECIPIENTS.get(r));
                            bezorging.setString(3, grondslag);
                            bezorging.setBytes(4, body);
                            bezorging.setTimestamp(5, now);
                            bezorging.addBatch();
                        }
                        for (int r = 0; r < BESLUIT_ROWS; r++) {
                            besluit.setTimestamp(1, now);
                            besluit.setString(2, id.toString());
                            besluit.setString(3, Overdrachten.RECIPIENTS.get(r % 2));
                            besluit.setString(4, pseudoniem);
                            besluit.setObject(5, UUID.randomUUID());
                            besluit.setString(6, categorieen);
                            besluit.setString(7, grondslag);
                            besluit.addBatch();
                        }
                        for (int r = 0; r < AUDIT_ROWS; r++) {
                            audit.setLong(1, volgnummer.incrementAndGet());
                            audit.setTimestamp(2, now);
                            audit.setString(3, id.toString());
                            audit.setString(4, id.toString());
                            audit.setString(5, Overdrachten.RECIPIENTS.get(r % 2));
                            audit.setString(6, pseudoniem);
                            audit.setString(7, categorieen);
                            audit.setString(8, hash);
                            audit.setString(9, hash);
                            audit.addBatch();
                        }
                    }
                    bericht.executeBatch();
                    bezorging.executeBatch();
                    besluit.executeBatch();
                    audit.executeBatch();
                }
                connection.commit();
            }
            return BATCH;
        });
        return new Stage("db_commit", "messages", rate, 1);
    }

    /** POST of a signed copy to the stub partner over mutual TLS, keep-alive connections, from 16 threads. */
    Stage httpsPost(StubPartners partners) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestPki.clientContext("hvht")).connectTimeout(Duration.ofSeconds(30)).build();
        URI uri = URI.create(partners.baseUrl() + "/stage-limit");
        byte[] body = copy();
        return new Stage("https_post", "posts", rate(16, () -> {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/pkcs7-mime")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("stub answered " + response.statusCode());
            }
            return 1;
        }), 2);
    }

    /** A signed copy as the gateway sends it (made by the redact+sign stage, or now). */
    private byte[] copy() throws Exception {
        if (signedCopy == null) {
            redactSign();
        }
        return signedCopy;
    }

    /** Operations per second of {@code threads} threads calling {@code operation} (which returns how many it did). */
    private double rate(int threads, Callable<Integer> operation) throws Exception {
        return measured(threads, operation).opsPerSecond();
    }

    /** {@link #rate} with the CPU time of the calling threads per operation. */
    private Rate measured(int threads, Callable<Integer> operation) throws Exception {
        run(threads, warmup, operation);
        long[] done = run(threads, measure, operation);
        return new Rate(done[0] / (measure.toNanos() / 1e9), done[1] / 1e3 / Math.max(1, done[0]));
    }

    /** Runs the threads for {@code duration}: operations done, and the CPU nanoseconds of those threads. */
    private static long[] run(int threads, Duration duration, Callable<Integer> operation) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong done = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    long start = cpu.getCurrentThreadCpuTime();
                    while (System.nanoTime() < deadline) {
                        done.addAndGet(operation.call());
                    }
                    cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - start);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new long[] {done.get(), cpuNanos.get()};
    }

    /** A fresh directory for the Artemis stage. */
    static Path artemisDirectory(Path work) throws java.io.IOException {
        return Files.createDirectories(work.resolve("stage-artemis"));
    }
}
