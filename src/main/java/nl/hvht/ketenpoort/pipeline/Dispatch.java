package nl.hvht.ketenpoort.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.BerichtEnvelop;
import nl.hvht.ketenpoort.bericht.ParsedBericht;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.ConsentLog;
import nl.hvht.ketenpoort.trace.StoredTrace;

/**
 * One submitted message on its way through the pipeline: the raw bytes, then the parsed message, the
 * recipients (addressed plus added by rules), a consent decision and a signed copy per recipient.
 * Belongs to one exchange, so it is not thread-safe and need not be.
 */
public final class Dispatch {

    private final String traceId;
    private final StoredTrace trace;
    private final String caller;
    private final byte[] raw;
    private ParsedBericht message;
    private final Set<String> recipients = new LinkedHashSet<>();
    private final Map<String, Set<String>> roles = new LinkedHashMap<>();
    private final Map<String, ConsentDecision> decisions = new LinkedHashMap<>();
    private final Map<String, byte[]> signed = new LinkedHashMap<>();
    private final java.util.List<AuditEvent> auditEvents = new java.util.ArrayList<>();
    private final java.util.List<ConsentLog.Entry> consentEntries = new java.util.ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private nl.hvht.ketenpoort.audit.AuditSpan.ForeignOperation callerOperation;
    private boolean duplicate;
    private java.time.Instant acceptedAt;
    private String verwerking;
    private String sha256;
    private AntwoordOp antwoordOp;

    /**
     * @param traceId id of this request's trace, for logs and audit (the W3C trace id)
     * @param trace   the intake span's W3C context, stored with the message for its deliveries; null if tracing is off
     * @param caller  partner id of the authenticated sender
     * @param raw     the request body as received (already size-checked)
     */
    public Dispatch(String traceId, StoredTrace trace, String caller, byte[] raw) {
        this.traceId = Objects.requireNonNull(traceId);
        this.trace = trace;
        this.caller = Objects.requireNonNull(caller);
        this.raw = Objects.requireNonNull(raw);
    }

    /** {@link System#nanoTime()} when the request's message was read (for the intake latency). */
    public long startedNanos() {
        return startedNanos;
    }

    public String traceId() {
        return traceId;
    }

    /** The intake span's W3C context (stored with the message), or null. */
    public StoredTrace trace() {
        return trace;
    }

    public String caller() {
        return caller;
    }

    public byte[] raw() {
        return raw;
    }

    /** Hex SHA-256 of the received bytes. */
    public String sha256() {
        if (sha256 == null) {
            try {
                sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 unavailable", e);
            }
        }
        return sha256;
    }

    public ParsedBericht message() {
        if (message == null) {
            throw new IllegalStateException("message not parsed yet");
        }
        return message;
    }

    /** True once the message passed the parser (its envelope is known). */
    public boolean isParsed() {
        return message != null;
    }

    public BerichtEnvelop envelope() {
        return message().envelope();
    }

    public void parsed(ParsedBericht parsedBericht) {
        this.message = parsedBericht;
        recipients.addAll(parsedBericht.envelope().ontvangers());
    }

    /** Adds a recipient found by a distribution rule (no effect if already present). */
    public void addRecipient(String partnerId) {
        recipients.add(partnerId);
    }

    /** Adds a recipient in a role the message gives it (see {@code consent.Actor}); the role is kept if present. */
    public void addRecipient(String partnerId, String role) {
        recipients.add(partnerId);
        roles.computeIfAbsent(partnerId, id -> new java.util.TreeSet<>()).add(role);
    }

    /** The roles this message gives a recipient (empty if none). */
    public Set<String> rolesOf(String partnerId) {
        return Collections.unmodifiableSet(roles.getOrDefault(partnerId, Set.of()));
    }

    public Set<String> recipients() {
        return Collections.unmodifiableSet(recipients);
    }

    public void decided(String recipient, ConsentDecision decision) {
        decisions.put(recipient, decision);
    }

    public Map<String, ConsentDecision> decisions() {
        return Collections.unmodifiableMap(decisions);
    }

    public void signedFor(String recipient, byte[] cms) {
        signed.put(recipient, cms);
    }

    public Map<String, byte[]> signed() {
        return Collections.unmodifiableMap(signed);
    }

    /** The sending partner's own operation, from the {@code traceparent} it sent (null if none or not valid). */
    public void calledFrom(nl.hvht.ketenpoort.audit.AuditSpan.ForeignOperation operation) {
        this.callerOperation = operation;
    }

    /** The sending partner's own operation (its {@code traceparent}), for the audit records; null if it sent none. */
    public nl.hvht.ketenpoort.audit.AuditSpan.ForeignOperation callerOperation() {
        return callerOperation;
    }

    /**
     * An audit record of a step already taken on this message (received, consent decided): written by the intake
     * committer in the same commit as the message, so nothing is on record as received that was not stored.
     */
    public void audit(AuditEvent event) {
        auditEvents.add(Objects.requireNonNull(event));
    }

    /** The audit records of the steps taken so far, in order. */
    public java.util.List<AuditEvent> auditEvents() {
        return Collections.unmodifiableList(auditEvents);
    }

    /** Consent-log entries of the intake decisions, stored by the intake committer with the message. */
    public void consentLogged(java.util.List<ConsentLog.Entry> entries) {
        consentEntries.addAll(entries);
    }

    public java.util.List<ConsentLog.Entry> consentEntries() {
        return Collections.unmodifiableList(consentEntries);
    }

    /** What the gateway did with a message addressed to itself (e.g. {@code toestemming:<id>@v2}). */
    public void processed(String outcome) {
        this.verwerking = outcome;
    }

    /** What the gateway did with a message addressed to itself, or null. */
    public String verwerking() {
        return verwerking;
    }

    /** This message is an answer to that message: checked by the answer step, stored with the message. */
    public void answers(AntwoordOp question) {
        this.antwoordOp = Objects.requireNonNull(question);
    }

    /** The message this answer answers, or null if it is no answer. */
    public AntwoordOp antwoordOp() {
        return antwoordOp;
    }

    /** The message an answer answers: its berichtId and type. */
    public record AntwoordOp(String berichtId, String berichtType) {

        public AntwoordOp {
            Objects.requireNonNull(berichtId, "berichtId");
            Objects.requireNonNull(berichtType, "berichtType");
        }
    }

    /** The message is stored (committed) with this receipt time. */
    public void accepted(java.time.Instant at) {
        this.acceptedAt = at;
    }

    /** When the stored message was received (committed), or null if it was not stored by this request. */
    public java.time.Instant acceptedAt() {
        return acceptedAt;
    }

    /** The berichtId was seen before: nothing is done again, the caller gets the current status. */
    public void markDuplicate() {
        this.duplicate = true;
    }

    public boolean isDuplicate() {
        return duplicate;
    }

    @Override
    public String toString() {
        return "Dispatch[trace=" + traceId + ", caller=" + caller + ", recipients=" + recipients + "]";
    }
}
