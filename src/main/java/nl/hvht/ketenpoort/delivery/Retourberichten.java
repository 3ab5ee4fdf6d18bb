package nl.hvht.ketenpoort.delivery;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.BerichtEnvelop;
import nl.hvht.ketenpoort.bericht.BerichtParser;
import nl.hvht.ketenpoort.bericht.BerichtSchema;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.bericht.ParsedBericht;
import nl.hvht.ketenpoort.bericht.v1.BerichtType;
import nl.hvht.ketenpoort.consent.Actor;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.ConsentGate;
import nl.hvht.ketenpoort.consent.ConsentLog;
import nl.hvht.ketenpoort.consent.Ontvanger;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.pipeline.Steps;
import nl.hvht.ketenpoort.signing.CopySigner;
import nl.hvht.ketenpoort.trace.StoredTrace;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Return messages: for every message accepted from a partner that wants them (registry {@code retourberichten: true}),
 * one signed Retourbericht from the gateway to that partner once every recipient has settled (DELIVERED, WITHHELD,
 * FAILED), with per recipient the outcome and its code ({@link RetourberichtXml}), delivered like any message (the
 * ledger's queue: retries, dead letters, receipts, encryption as the registry says).
 *
 * <p>Derived from the ledger only, so crash-safe and exactly once: the intake stores such a message with
 * {@code retour_open}; this sweep (route {@code retourberichten}, every {@code poll-interval}) claims, with
 * {@code for update skip locked}, open messages none of whose deliveries is unsettled, and in ONE transaction stores the
 * Retourbericht (its message, its QUEUED delivery, consent decision, audit records) and clears {@code retour_open}. A
 * crash before that commit leaves the message open for the next sweep; after it, nothing is left to do; the unique
 * {@code retour_voor} refuses a second one whatever happens. A manual retry or break-glass release that reopens a delivery
 * later does not make another one. Partners that do not want return messages cost nothing here: their messages are
 * never open.
 *
 * <p>The Retourbericht goes to the original sender in the role {@code rol:vraagsteller}, on the technical ground for
 * Retourberichten (see {@code routing.AnswerGrondslag}); consent is decided (and logged) for it as for any message, at its
 * creation and again before each attempt. It carries no personal-data category. Its thread link ({@code antwoord_op}) is
 * the original message, so the sender's status lists it under {@code antwoorden}.
 */
@Component
class Retourberichten extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(Retourberichten.class);
    static final String TYPE = BerichtType.RETOURBERICHT.value();

    private final JdbcClient jdbc;
    private final DeliveryLedger ledger;
    private final ConsentGate gate;
    private final ConsentLog consentLog;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final CopySigner copies;
    private final BerichtParser parser;
    private final BerichtSchema schema;
    private final PartnerRegistry partners;
    private final TransactionTemplate transaction;
    private final DeliveryWorker worker;
    private final DeliveryWakeups wakeups;
    private final DeliveryProperties properties;
    private final Clock clock;

    Retourberichten(JdbcClient jdbc, DeliveryLedger ledger, ConsentGate gate, ConsentLog consentLog, AuditLog audit,
            Pseudonymizer pseudonymizer, CopySigner copies, BerichtParser parser, BerichtSchema schema, PartnerRegistry partners,
            TransactionTemplate transaction, DeliveryWorker worker, DeliveryWakeups wakeups, DeliveryProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.gate = gate;
        this.consentLog = consentLog;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.copies = copies;
        this.parser = parser;
        this.schema = schema;
        this.partners = partners;
        this.transaction = transaction;
        this.worker = worker;
        this.wakeups = wakeups;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Whether a message the intake stores is open for a Retourbericht: its sender wants them, it has recipients, and it
     * is not a Retourbericht itself (no return message about a return message).
     */
    static boolean wanted(PartnerRegistry partners, BerichtEnvelop envelope, Collection<String> recipients) {
        return !recipients.isEmpty() && !TYPE.equals(envelope.berichtType()) && partners.retourberichten(envelope.afzender());
    }

    @Override
    public void configure() {
        from("timer:retourbericht-sweep?delay=1000&period=" + properties.pollInterval().toMillis()).routeId("retourbericht-sweep")
                .routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> sweep());
    }

    /** Makes the Retourberichten that are due, a batch per transaction; returns how many messages it closed. */
    public int sweep() {
        int total = 0;
        while (true) {
            Set<String> due = new LinkedHashSet<>();
            Integer made = transaction.execute(status -> createBatch(due));
            int n = made == null ? 0 : made;
            total += n;
            due.forEach(worker::wake);
            wakeups.announce(due);
            if (n < properties.batchSize()) {
                return total;
            }
        }
    }

    /**
     * One transaction: claims up to a batch of settled open messages, stores a Retourbericht for each and closes them;
     * returns how many it closed.
     */
    private int createBatch(Set<String> due) {
        List<Open> open = jdbc.sql("""
                select b.bericht_id, b.afzender, b.deelnemer_id, b.doel, b.categorieen, b.trace_id, b.traceparent, b.tracestate,
                       exists (select 1 from bericht r where r.retour_voor = b.bericht_id) as gemaakt
                  from bericht b
                 where b.retour_open
                   and not exists (select 1 from bezorging z where z.bericht_id = b.bericht_id and z.status in (:accepted, :queued))
                 order by b.ontvangen_op limit :limiet for update of b skip locked
                """)
                .param("accepted", DeliveryStatus.ACCEPTED.name()).param("queued", DeliveryStatus.QUEUED.name())
                .param("limiet", properties.batchSize())
                .query((rs, n) -> new Open(new RetourberichtXml.Origineel(rs.getObject("bericht_id", UUID.class).toString(),
                        rs.getString("afzender"), rs.getString("deelnemer_id"), rs.getString("doel"),
                        Categorie.parseCodes(rs.getString("categorieen"))), rs.getString("trace_id"),
                        StoredTrace.of(rs.getString("traceparent"), rs.getString("tracestate")), rs.getBoolean("gemaakt")))
                .list();
        if (open.isEmpty()) {
            return 0;
        }
        Map<String, List<RetourberichtXml.Afgehandeld>> settled = settledDeliveries(open);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Made> made = new ArrayList<>();
        List<Open> stillOpen = new ArrayList<>();
        Map<String, List<ConsentGate.Check>> checks = new LinkedHashMap<>();
        for (Open o : open) {
            if (o.made()) {
                continue; // made before; only its open mark was left (never by this class: both are one commit)
            }
            Partner sender = partners.byId(o.original().afzender()).orElse(null);
            List<RetourberichtXml.Afgehandeld> outcomes = settled.getOrDefault(o.original().berichtId(), List.of());
            if (sender == null || outcomes.isEmpty()) {
                LOG.warn("no Retourbericht for {}: {}", o.original().berichtId(),
                        sender == null ? "its sender is no longer in the partner registry" : "it has no deliveries");
                continue;
            }
            String berichtId = UUID.randomUUID().toString();
            ParsedBericht parsed;
            try {
                // our own bytes, validated like any message
                parsed = parser.parse(RetourberichtXml.xml(schema.jaxbContext(), berichtId, now, o.original(), outcomes));
            } catch (RuntimeException e) {
                // A defect, not a state of the ledger: this one stays open (and is tried again), the others go on.
                LOG.warn("Retourbericht for {} not made: {}", o.original().berichtId(), e.getClass().getName());
                stillOpen.add(o);
                continue;
            }
            Ontvanger recipient = new Ontvanger(sender.id(), sender.soort(), Set.of(Actor.ROL_VRAAGSTELLER));
            ConsentGate.Check check = new ConsentGate.Check(o.traceId(), ConsentLog.Phase.INTAKE, berichtId, TYPE,
                    PartnerRegistry.GATEWAY_ID, recipient, o.original().deelnemer(), parsed.categories(), o.original().doel(), null,
                    o.trace());
            checks.computeIfAbsent(o.original().deelnemer(), d -> new ArrayList<>()).add(check);
            made.add(new Made(o, parsed, check));
        }
        List<DeliveryLedger.NewMessage> messages = new ArrayList<>();
        List<ConsentLog.Entry> entries = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        if (!made.isEmpty()) {
            List<ConsentGate.Decided> decided = gate.decideForDelivery(checks);
            Map<ConsentGate.Check, ConsentDecision> decisions = new LinkedHashMap<>();
            int p = 0;
            for (List<ConsentGate.Check> forParticipant : checks.values()) {
                ConsentGate.Decided d = decided.get(p++);
                if (d.failed()) {
                    throw new IllegalStateException("consent check for Retourberichten could not be taken: tried again later");
                }
                entries.addAll(d.entries());
                events.addAll(d.events());
                for (int i = 0; i < forParticipant.size(); i++) {
                    decisions.put(forParticipant.get(i), d.decisions().get(i));
                }
            }
            List<AuditEvent> decisionEvents = List.copyOf(events);
            events.clear();
            made.forEach(m -> events.add(created(m)));
            events.addAll(decisionEvents);
            for (Made m : made) {
                ConsentDecision decision = decisions.get(m.check());
                messages.add(newMessage(m, decision));
                events.add(queuedOrWithheld(m, decision));
                if (decision.allowed()) {
                    due.add(m.check().recipient().id());
                }
            }
            ledger.insertAll(messages, now);
        }
        List<Open> closed = open.stream().filter(o -> !stillOpen.contains(o)).toList();
        jdbc.sql("update bericht set retour_open = null where bericht_id = any(:ids)")
                .param("ids", closed.stream().map(o -> UUID.fromString(o.original().berichtId())).toArray(UUID[]::new))
                .update();
        consentLog.recordAll(entries);
        // The chain head last: its lock is held only for the rest of this transaction.
        audit.appendInTransaction(events);
        return closed.size();
    }

    /** The settled deliveries of these messages, one query. */
    private Map<String, List<RetourberichtXml.Afgehandeld>> settledDeliveries(List<Open> open) {
        Map<String, List<RetourberichtXml.Afgehandeld>> settled = new LinkedHashMap<>();
        jdbc.sql("select bericht_id, ontvanger, status, reden, ingehouden, afgevoerd_op is not null as afgevoerd from bezorging"
                        + " where bericht_id = any(:ids) order by bericht_id, ontvanger")
                .param("ids", open.stream().map(o -> UUID.fromString(o.original().berichtId())).toArray(UUID[]::new))
                .query(rs -> {
                    settled.computeIfAbsent(rs.getObject("bericht_id", UUID.class).toString(), id -> new ArrayList<>())
                            .add(new RetourberichtXml.Afgehandeld(rs.getString("ontvanger"),
                                    DeliveryStatus.valueOf(rs.getString("status")), rs.getString("reden"),
                                    DeliveryLedger.split(rs.getString("ingehouden")), rs.getBoolean("afgevoerd")));
                });
        return settled;
    }

    private DeliveryLedger.NewMessage newMessage(Made m, ConsentDecision decision) {
        String recipient = m.check().recipient().id();
        Map<String, byte[]> signed = decision.allowed()
                ? Map.of(recipient, copies.copyFor(m.parsed(), recipient, decision, m.open().trace()))
                : Map.of();
        return new DeliveryLedger.NewMessage(m.parsed().envelope(), pseudonymizer.pseudonym(m.open().original().deelnemer()),
                m.parsed().categories(), sha256(m.parsed().xml()), m.parsed().xml(), m.open().traceId(), m.open().trace(),
                Map.of(recipient, decision), signed, Map.of(recipient, Set.of(Actor.ROL_VRAAGSTELLER)), null,
                m.open().original().berichtId(), false, m.open().original().berichtId());
    }

    /** Created, with the message it reports on; its consent decision and then QUEUED or WITHHELD follow. */
    private AuditEvent created(Made m) {
        ConsentGate.Check c = m.check();
        return new AuditEvent(c.traceId(), AuditStep.RETURN_MESSAGE_CREATED, c.berichtId(), TYPE, c.afzender(), c.recipient().id(),
                pseudonymizer.pseudonym(c.deelnemer()), Set.of(), "OK", "retourbericht-voor:" + m.open().original().berichtId());
    }

    /** As for a message at intake: QUEUED where consent allowed it, else WITHHELD with the reason. */
    private AuditEvent queuedOrWithheld(Made m, ConsentDecision decision) {
        ConsentGate.Check c = m.check();
        String pseudonym = pseudonymizer.pseudonym(c.deelnemer());
        return decision.allowed()
                ? new AuditEvent(c.traceId(), AuditStep.QUEUED, c.berichtId(), TYPE, c.afzender(), c.recipient().id(), pseudonym,
                        Set.of(), "OK", "bezorging." + c.recipient().id())
                : new AuditEvent(c.traceId(), AuditStep.WITHHELD, c.berichtId(), TYPE, c.afzender(), c.recipient().id(), pseudonym,
                        Set.of(), decision.uitkomst().name(), decision.reason().name());
    }

    private static String sha256(byte[] xml) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /**
     * An open message whose recipients have all settled: what it says, the trace its Retourbericht joins, and whether
     * that Retourbericht exists already.
     */
    private record Open(RetourberichtXml.Origineel original, String traceId, StoredTrace trace, boolean made) {
    }

    /** A Retourbericht made in this batch, before its consent decision. */
    private record Made(Open open, ParsedBericht parsed, ConsentGate.Check check) {
    }
}
