package nl.hvht.ketenpoort.admin;

import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.delivery.Ontvangstbewijs;
import nl.hvht.ketenpoort.delivery.OntvangstbewijsStore;
import nl.hvht.ketenpoort.delivery.DeliveryLedger;
import nl.hvht.ketenpoort.trace.Traces;
import org.slf4j.MDC;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed receipts of a message ({@code /beheer/api/v1/berichten/{berichtId}/ontvangstbewijzen}, admin port, any
 * admin role): per recipient the receipt's metadata and the CMS as base64, or one recipient's CMS as
 * {@code application/pkcs7-mime} for download. Every view is audit-logged (RECEIPT_VIEWED, the administrator as actor,
 * the participant only as pseudonym). No message content: a receipt holds ids and a digest.
 */
@RestController
@RequestMapping("/beheer/api/v1/berichten/{berichtId}/ontvangstbewijzen")
class OntvangstbewijsController {

    static final MediaType PKCS7_MIME = MediaType.parseMediaType("application/pkcs7-mime; smime-type=signed-data");

    private final OntvangstbewijsStore receipts;
    private final AuditLog audit;
    private final DeliveryLedger ledger;
    private final Traces traces;

    OntvangstbewijsController(OntvangstbewijsStore receipts, AuditLog audit, DeliveryLedger ledger, Traces traces) {
        this.ledger = ledger;
        this.traces = traces;
        this.receipts = receipts;
        this.audit = audit;
    }

    @GetMapping
    List<View> list(@PathVariable UUID berichtId, Authentication who) {
        OntvangstbewijsStore.Message message = known(berichtId);
        List<View> views = receipts.of(message.berichtId()).stream().map(View::of).toList();
        viewed(message, null, who, views.size());
        return views;
    }

    @GetMapping("/{ontvanger}")
    ResponseEntity<byte[]> download(@PathVariable UUID berichtId, @PathVariable String ontvanger, Authentication who) {
        OntvangstbewijsStore.Message message = known(berichtId);
        Ontvangstbewijs receipt = receipts.of(message.berichtId(), ontvanger).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND));
        viewed(message, receipt.ontvanger(), who, 1);
        return ResponseEntity.ok()
                .contentType(PKCS7_MIME)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("ontvangstbewijs-" + receipt.berichtId() + "-" + receipt.ontvanger() + ".p7m").build().toString())
                .body(receipt.cms());
    }

    private OntvangstbewijsStore.Message known(UUID berichtId) {
        return receipts.message(berichtId.toString()).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND));
    }

    private void viewed(OntvangstbewijsStore.Message message, String ontvanger, Authentication who, int count) {
        audit.record(new AuditEvent(MDC.get("traceId"), AuditStep.RECEIPT_VIEWED, message.berichtId(), message.berichtType(),
                AdminSecurityConfig.actor(who.getName()), ontvanger, message.deelnemerPseudoniem(), null, "OK",
                ontvanger == null ? "ontvangstbewijzen:" + count : "download").voorDoel(ConsoleAccess.BEHEER).door(ConsoleAccess.of(who)));
        traces.consoleAction(AuditStep.RECEIPT_VIEWED.name(), message.berichtId(), ledger.traceOf(message.berichtId()).orElse(null));
    }

    /** One receipt as shown: metadata and the CMS (base64) for download. */
    record View(String ontvanger, String digestSha256, Ondertekenaar ondertekenaar, OffsetDateTime ontvangstmoment,
            OffsetDateTime ontvangenOp, OffsetDateTime geverifieerdOp, String cms) {

        static View of(Ontvangstbewijs r) {
            return new View(r.ontvanger(), r.digest(), new Ondertekenaar(r.ondertekenaarOnderwerp(), r.ondertekenaarUitgever(),
                    r.ondertekenaarSerienummer(), r.ondertekenaarOin()), r.ontvangstmoment(), r.ontvangenOp(), r.geverifieerdOp(),
                    Base64.getEncoder().encodeToString(r.cms()));
        }
    }

    /** The signer certificate: subject, issuer, serial number (hex) and OIN. */
    record Ondertekenaar(String onderwerp, String uitgever, String serienummer, String oin) {
    }
}
