package nl.hvht.ketenpoort.delivery;

import io.micrometer.tracing.Span;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Rejection;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import nl.hvht.ketenpoort.trace.SpanNames;
import nl.hvht.ketenpoort.trace.Traces;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mailbox on the partner API ({@link Postbus}), for a partner whose registry entry says {@code bezorging: ophalen}:
 * {@code GET /api/v1/postbus} lists its copies (metadata only, oldest first, paged with an opaque cursor),
 * {@code GET /api/v1/postbus/{berichtId}} fetches one (exactly the bytes and headers a push would have POSTed),
 * {@code POST /api/v1/postbus/{berichtId}/ontvangst} acknowledges it. Only the recipient sees its mailbox: anything else,
 * and every call of a partner without a mailbox, answers 404 as an unknown id does.
 */
@RestController
class PostbusController {

    static final String BASE = "/api/v1/postbus";
    private static final int MAX_LIMIT = 500;

    private final Postbus postbus;
    private final PartnerRequest request;
    private final Traces traces;

    PostbusController(Postbus postbus, PartnerRequest request, Traces traces) {
        this.postbus = postbus;
        this.request = request;
        this.traces = traces;
    }

    /** A page: the copies, and the cursor of the next page (null: none). */
    record Pagina(List<Postbus.Item> berichten, String volgende) {
    }

    @GetMapping(path = BASE, produces = MediaType.APPLICATION_JSON_VALUE)
    Pagina list(@AuthenticationPrincipal PartnerPrincipal caller, @RequestParam(name = "limiet", defaultValue = "50") int limiet,
            @RequestParam(name = "na", required = false) String na) {
        mailboxOf(caller);
        if (limiet < 1 || limiet > MAX_LIMIT) {
            throw new Rejection(RejectionCode.VALIDATION_FAILED, "limiet moet tussen 1 en " + MAX_LIMIT + " liggen.");
        }
        Postbus.Page page = postbus.list(caller.id(), na == null || na.isEmpty() ? null : Cursor.decode(na), limiet, traceId());
        return new Pagina(page.berichten(), page.volgende() == null ? null : Cursor.encode(page.volgende()));
    }

    /**
     * The copy, written directly: the fetch ends (and counts as fetched) only once its bytes are written and flushed to
     * the partner's connection.
     */
    @GetMapping(path = BASE + "/{berichtId}")
    void fetch(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable String berichtId, HttpServletResponse response)
            throws IOException {
        mailboxOf(caller);
        Postbus.Fetch fetch = postbus.fetch(caller.id(), normalise(berichtId));
        if (fetch instanceof Postbus.Copy copy) {
            write(copy, response);
        } else if (fetch instanceof Postbus.Withheld withheld) {
            throw withheld(withheld.reden());
        } else if (fetch instanceof Postbus.CheckFailed) {
            throw new Rejection(RejectionCode.SERVICE_UNAVAILABLE);
        } else {
            throw notFound();
        }
    }

    private void write(Postbus.Copy copy, HttpServletResponse response) throws IOException {
        DeliveryJob job = copy.job();
        Span span = traces.startLinked(SpanNames.DELIVERY_ATTEMPT, job.trace()).tag(SpanNames.BERICHT_ID, job.berichtId())
                .tag(SpanNames.ONTVANGER, job.ontvanger());
        boolean written = false;
        try {
            response.setStatus(HttpServletResponse.SC_OK);
            request.headers(job, span, response::setHeader);
            response.setContentLength(job.signed().length);
            OutputStream out = response.getOutputStream();
            out.write(job.signed());
            response.flushBuffer();
            written = true;
        } finally {
            span.tag(SpanNames.UITKOMST, written ? "OPGEHAALD" : "NIET_OPGEHAALD").end();
            postbus.ended(copy, written);
        }
    }

    /**
     * The acknowledgement: an empty body, or the signed receipt ({@code application/pkcs7-mime}, CMS SignedData over the
     * {@code ontvangstbevestiging}), as in the answer to a push.
     */
    @PostMapping(path = BASE + "/{berichtId}/ontvangst")
    ResponseEntity<Void> acknowledge(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable String berichtId,
            HttpServletRequest http) throws IOException {
        mailboxOf(caller);
        String id = normalise(berichtId);
        try (InputStream body = http.getInputStream()) {
            Postbus.Ack ack = postbus.acknowledge(caller.id(), id, http.getContentType(), body);
            if (ack instanceof Postbus.Acknowledged) {
                return ResponseEntity.noContent().build();
            }
            if (ack instanceof Postbus.AckWithheld withheld) {
                throw withheld(withheld.reden());
            }
            if (ack instanceof Postbus.NotFetched) {
                throw new Rejection(RejectionCode.POSTBUS_NIET_OPGEHAALD);
            }
            if (ack instanceof Postbus.ReceiptRefused refused) {
                throw new Rejection(RejectionCode.RECEIPT_INVALID, "Het ontvangstbewijs is geweigerd: " + refused.code() + ".",
                        Map.of("code", refused.code()));
            }
            throw notFound();
        }
    }

    private void mailboxOf(PartnerPrincipal caller) {
        if (caller == null || caller.partner() == null || !postbus.hasMailbox(caller.id())) {
            throw new Rejection(RejectionCode.NOT_FOUND, "Deze partner heeft geen postbus (bezorging: push).");
        }
    }

    private String traceId() {
        Span current = traces.current();
        return current == null ? null : current.context().traceId();
    }

    private static Rejection notFound() {
        return new Rejection(RejectionCode.NOT_FOUND, "Onbekend berichtId in deze postbus.");
    }

    private static Rejection withheld(String reden) {
        String code = reden == null ? "INGEHOUDEN" : reden;
        return new Rejection(RejectionCode.BERICHT_INGEHOUDEN, "Dit bericht is ingehouden: " + code + ".", Map.of("reden", code));
    }

    private static String normalise(String berichtId) {
        try {
            return UUID.fromString(berichtId).toString();
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    /** The opaque position after a listed copy: base64url of {@code <aangeboden>|<berichtId>}. */
    static final class Cursor {

        private Cursor() {
        }

        static String encode(DeliveryLedger.Waiting last) {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((last.aangeboden() + "|" + last.berichtId()).getBytes(StandardCharsets.US_ASCII));
        }

        static DeliveryLedger.Waiting decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                int bar = text.indexOf('|');
                return new DeliveryLedger.Waiting(UUID.fromString(text.substring(bar + 1)).toString(), null, null,
                        Instant.parse(text.substring(0, bar)));
            } catch (RuntimeException e) {
                throw new Rejection(RejectionCode.VALIDATION_FAILED, "Onbekende cursor (na).");
            }
        }
    }
}
