package nl.hvht.ketenpoort.delivery;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.bericht.DataCategory;

/**
 * One message for one recipient, as it travels through the recipient's queue: the signed bytes as the JMS
 * body and the ids, type and categories as JMS properties. The participant id is not a property (queue
 * properties show up in broker tooling and logs): the consumer reads it from the ledger.
 */
record DeliveryJob(String berichtId, String berichtType, String afzender, String ontvanger, String deelnemer,
        String doel, Set<DataCategory> categories, String traceId, byte[] signed, String duplicateSuffix) {

    static final String BERICHT_ID = "kpBerichtId";
    static final String BERICHT_TYPE = "kpBerichtType";
    static final String AFZENDER = "kpAfzender";
    static final String ONTVANGER = "kpOntvanger";
    static final String DOEL = "kpDoel";
    static final String CATEGORIEEN = "kpCategorieen";
    static final String TRACE_ID = "kpTraceId";
    /**
     * Artemis duplicate detection: the same berichtId for the same recipient is queued at most once. A break-glass
     * release queues it once more under its own id ({@link #withDuplicateSuffix}): the first id may still be in the
     * broker's (persisted) duplicate-id cache when the message was queued before it was withheld at delivery.
     */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** Idempotency key of this delivery: the same for every redelivery of it. */
    String key() {
        return berichtId + ":" + ontvanger;
    }

    Map<String, Object> headers() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(BERICHT_ID, berichtId);
        headers.put(BERICHT_TYPE, berichtType);
        headers.put(AFZENDER, afzender);
        headers.put(ONTVANGER, ontvanger);
        headers.put(DOEL, doel);
        headers.put(CATEGORIEEN, categories.stream().map(DataCategory::code).sorted().collect(Collectors.joining(",")));
        headers.put(TRACE_ID, traceId);
        headers.put(DUPLICATE_ID, duplicateSuffix == null ? key() : key() + ":" + duplicateSuffix);
        return headers;
    }

    /** The job for one recipient of a validated message. */
    static DeliveryJob of(nl.hvht.ketenpoort.bericht.ParsedMessage message, String ontvanger, String traceId, byte[] signed) {
        nl.hvht.ketenpoort.bericht.Envelope envelope = message.envelope();
        return new DeliveryJob(envelope.berichtId(), envelope.berichtType(), envelope.afzender(), ontvanger,
                envelope.deelnemer(), envelope.doel(), message.categories(), traceId, signed, null);
    }

    /** The same job, with the participant id read from the ledger. */
    DeliveryJob withDeelnemer(String deelnemerId) {
        return new DeliveryJob(berichtId, berichtType, afzender, ontvanger, deelnemerId, doel, categories, traceId, signed,
                duplicateSuffix);
    }

    /** The same job with another signed copy (cut again at delivery). */
    DeliveryJob withSigned(byte[] copy) {
        return new DeliveryJob(berichtId, berichtType, afzender, ontvanger, deelnemer, doel, categories, traceId, copy,
                duplicateSuffix);
    }

    /**
     * The same job queued under the duplicate id {@code berichtId:ontvanger:<suffix>} (a break-glass release:
     * {@code doorbraak:<id>}). The idempotency key {@link #key()} stays the same.
     */
    DeliveryJob withDuplicateSuffix(String suffix) {
        return new DeliveryJob(berichtId, berichtType, afzender, ontvanger, deelnemer, doel, categories, traceId, signed, suffix);
    }

    /** An audit record of a step of this delivery (participant as pseudonym). */
    nl.hvht.ketenpoort.audit.AuditEvent event(nl.hvht.ketenpoort.audit.AuditStep step, String outcome, String reason,
            nl.hvht.ketenpoort.audit.Pseudonymizer pseudonymizer) {
        return new nl.hvht.ketenpoort.audit.AuditEvent(traceId, step, berichtId, berichtType, afzender, ontvanger,
                pseudonymizer.pseudonym(deelnemer), categories, outcome, reason);
    }

    /** The job as read from a queued message; the participant id is still to be read from the ledger. */
    static DeliveryJob fromHeaders(Map<String, Object> headers, byte[] body) {
        String codes = (String) headers.get(CATEGORIEEN);
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (codes != null && !codes.isEmpty()) {
            Arrays.stream(codes.split(",")).forEach(code -> categories.add(DataCategory.fromCode(code)
                    .orElseThrow(() -> new IllegalStateException("unknown category code on queue: " + code))));
        }
        return new DeliveryJob(text(headers, BERICHT_ID), text(headers, BERICHT_TYPE), text(headers, AFZENDER),
                text(headers, ONTVANGER), null, text(headers, DOEL), categories,
                (String) headers.get(TRACE_ID), body, null);
    }

    private static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new IllegalStateException("queued message lacks property " + name);
        }
        return s;
    }

    @Override
    public String toString() {
        return "DeliveryJob[" + key() + ", type=" + berichtType + "]";
    }
}
