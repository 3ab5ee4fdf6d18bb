package nl.hvht.ketenpoort.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.List;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The response side of a delivery: the partner's answer may carry a signed receipt ({@code application/pkcs7-mime},
 * CMS SignedData over an {@code ontvangstbevestiging}). The delivery route calls {@link #remember} just
 * before the POST (the exact bytes sent) and {@link #check} right after a 2xx (before the attempt counts as
 * delivered); the delivery worker calls {@link #recorded} in the transaction that records the outcome.
 *
 * <ul>
 *   <li>No receipt (empty body or another content type): nothing is stored.</li>
 *   <li>A valid receipt: stored as proof ({@link OntvangstbewijsStore}), audit RECEIPT_VERIFIED.</li>
 *   <li>An invalid one: not stored, audit RECEIPT_REJECTED with the reason code, a warning (ids and code only);
 *       the delivery still counts as DELIVERED.</li>
 *   <li>For a partner with {@code ontvangstbewijs-verplicht}: a 2xx without a valid receipt is a failed attempt
 *       ({@link OntvangstbewijsRequiredException}), retried; the partner dedupes by Idempotency-Key.</li>
 * </ul>
 */
@Component
class OntvangstbewijsCheck {

    private static final Logger LOG = LoggerFactory.getLogger(OntvangstbewijsCheck.class);
    /** A receipt with its signer certificate chain; a larger answer is not read further. */
    static final int MAX_RECEIPT_BYTES = 64 * 1024;
    static final String CONTENT_TYPE = "application/pkcs7-mime";
    static final String NONE = "MISSING";
    static final String TOO_LARGE = "TOO_LARGE";
    private static final String POSTED_BYTES = "kpPostedBytes";
    private static final String VERDICT = "kpReceipt";
    private static final String RECEIVED_AT = "kpReceiptAt";

    private final OntvangstbewijsVerifier verifier;
    private final OntvangstbewijsStore receipts;
    private final PartnerRegistry partners;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;

    OntvangstbewijsCheck(OntvangstbewijsVerifier verifier, OntvangstbewijsStore receipts, PartnerRegistry partners, AuditLog audit,
            Pseudonymizer pseudonymizer, Clock clock) {
        this.verifier = verifier;
        this.receipts = receipts;
        this.partners = partners;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.clock = clock;
    }

    /** Notes the exact request body, as it goes to the partner. */
    public void remember(Exchange exchange) {
        exchange.setProperty(POSTED_BYTES, exchange.getMessage().getBody(byte[].class));
    }

    /**
     * Reads and verifies a receipt in the partner's 2xx answer. For a partner that must send one, an answer without a
     * valid receipt throws, so the attempt fails (a rejected one is audit-logged first).
     */
    public void check(Exchange exchange) {
        DeliveryJob job = exchange.getProperty(PartnerRequest.JOB, DeliveryJob.class);
        exchange.setProperty(RECEIVED_AT, clock.instant());
        Message answer = exchange.getMessage();
        OntvangstbewijsVerifier.Verdict verdict = verdict(job, answer.getHeader(Exchange.CONTENT_TYPE, String.class),
                answer.getBody(InputStream.class), exchange.getProperty(POSTED_BYTES, byte[].class));
        exchange.setProperty(VERDICT, verdict);
        if (!verdict.isValid() && partners.ontvangstbewijsVerplicht(job.ontvanger())) {
            if (!NONE.equals(verdict.reason())) {
                rejected(job, verdict.reason());
            }
            throw new OntvangstbewijsRequiredException(verdict.reason());
        }
    }

    /** The verdict on the receipt in the answer of a successful POST, and when it arrived (null: none read). */
    record Answer(OntvangstbewijsVerifier.Verdict verdict, Instant receivedAt) {
    }

    /** What {@link #check} found in this exchange's answer. */
    static Answer answerOf(Exchange exchange) {
        return new Answer(exchange.getProperty(VERDICT, OntvangstbewijsVerifier.Verdict.class), exchange.getProperty(RECEIVED_AT, Instant.class));
    }

    /**
     * For a delivered job, in the caller's transaction: stores a valid receipt (its audit record returned) or returns the
     * audit record of a rejected one. The delivery itself counts either way.
     */
    List<AuditEvent> recorded(DeliveryJob job, Answer answer) {
        OntvangstbewijsVerifier.Verdict verdict = answer.verdict();
        if (verdict == null || NONE.equals(verdict.reason())) {
            return List.of();
        }
        if (!verdict.isValid()) {
            LOG.warn("receipt for {} rejected: {}; not stored as proof", job.key(), verdict.reason());
            return List.of(job.event(AuditStep.RECEIPT_REJECTED, verdict.reason(), "ontvangstbewijs", pseudonymizer));
        }
        if (receipts.store(job.berichtId(), job.ontvanger(), verdict.accepted(), answer.receivedAt())) {
            return List.of(job.event(AuditStep.RECEIPT_VERIFIED, "OK", "sha256:" + verdict.accepted().digest(), pseudonymizer));
        }
        return List.of();
    }

    OntvangstbewijsVerifier.Verdict verdict(DeliveryJob job, String contentType, InputStream body, byte[] posted) {
        if (contentType == null || !contentType.strip().toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE) || body == null) {
            return OntvangstbewijsVerifier.Verdict.refused(NONE);
        }
        byte[] cms;
        try (InputStream in = body) {
            cms = in.readNBytes(MAX_RECEIPT_BYTES + 1);
        } catch (IOException e) {
            return OntvangstbewijsVerifier.Verdict.refused(NONE);
        }
        if (cms.length == 0) {
            return OntvangstbewijsVerifier.Verdict.refused(NONE);
        }
        if (cms.length > MAX_RECEIPT_BYTES) {
            return OntvangstbewijsVerifier.Verdict.refused(TOO_LARGE);
        }
        Partner recipient = partners.byId(job.ontvanger())
                .orElseThrow(() -> new IllegalStateException("recipient no longer in the partner registry: " + job.ontvanger()));
        if (posted == null) {
            throw new IllegalStateException("delivery " + job.key() + ": request body not noted before the POST");
        }
        return verifier.verify(cms, recipient, job.berichtId(), posted);
    }

    void rejected(DeliveryJob job, String reason) {
        audit.record(job.event(AuditStep.RECEIPT_REJECTED, reason, "ontvangstbewijs", pseudonymizer));
        LOG.warn("receipt for {} rejected: {}; not stored as proof", job.key(), reason);
    }
}
