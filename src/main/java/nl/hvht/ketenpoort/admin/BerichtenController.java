package nl.hvht.ketenpoort.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.audit.AuditTimeline;
import nl.hvht.ketenpoort.consent.ConsentDecisions;
import nl.hvht.ketenpoort.delivery.DeliveryLedger;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.delivery.BerichtBrowser;
import nl.hvht.ketenpoort.delivery.Ontvangstbewijs;
import nl.hvht.ketenpoort.delivery.OntvangstbewijsStore;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The message browser ({@code /beheer/berichten}, any admin role): search by berichtId, type, sender, recipient, status,
 * time window and participant pseudonym (a page of {@link BerichtenQueries#PAGINA}); per message
 * ({@code /beheer/berichten/{berichtId}}) its deliveries, per recipient the timeline of its audit records, the consent
 * decisions with ground and version, and the signed receipt (download through {@link OntvangstbewijsController}); and
 * its thread: the question and its answers ({@link DeliveryLedger#threadOf}), each linked to its own page.
 * Metadata only, never content. Every search and every message view is audit-logged ({@code ADMIN_VIEW}).
 */
@Controller
class BerichtenController {

    private static final String ID = "[A-Za-z0-9][A-Za-z0-9-]{0,63}";
    /** A pseudonym under any key: {@code p<keyId>-<32 hex>} ({@code p-<32 hex>} for the first key, see {@code audit.Pseudonymizer}). */
    private static final String PSEUDONIEM = "p[0-9a-z]{0,6}-[0-9a-f]{32}";

    private final BerichtenQueries queries;
    private final OntvangstbewijsStore receipts;
    private final ConsoleAudit audit;
    private final DeliveryLedger ledger;

    BerichtenController(BerichtenQueries queries, OntvangstbewijsStore receipts, ConsoleAudit audit, DeliveryLedger ledger) {
        this.queries = queries;
        this.receipts = receipts;
        this.audit = audit;
        this.ledger = ledger;
    }

    @GetMapping("/beheer/berichten")
    String zoek(@RequestParam Map<String, String> params, Authentication who, Model model) {
        model.addAttribute("pagina", "berichten");
        model.addAttribute("statussen", Arrays.stream(DeliveryStatus.values()).map(Enum::name).toList());
        model.addAttribute("vraag", params);
        model.addAttribute("zoeken", !params.isEmpty());
        if (params.isEmpty()) {
            return "beheer/berichten";
        }
        BerichtenQueries.Zoekvraag vraag;
        try {
            vraag = vraag(params);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            model.addAttribute("fout", true);
            return "beheer/berichten";
        }
        BerichtenQueries.Resultaat resultaat = queries.zoek(vraag);
        audit.view(who, vraag.berichtId() == null ? null : vraag.berichtId().toString(), vraag.type(), vraag.pseudoniem(),
                "berichten:zoek pagina=" + vraag.pagina() + " aantal=" + resultaat.rijen().size());
        model.addAttribute("resultaat", resultaat);
        model.addAttribute("paginaNr", vraag.pagina());
        return "beheer/berichten";
    }

    private static BerichtenQueries.Zoekvraag vraag(Map<String, String> params) {
        String berichtId = value(params, "berichtId");
        String status = value(params, "status");
        String pagina = value(params, "p");
        return new BerichtenQueries.Zoekvraag(berichtId == null ? null : UUID.fromString(berichtId), id(params, "type"),
                id(params, "afzender"), id(params, "ontvanger"), status == null ? null : DeliveryStatus.valueOf(status), moment(params, "van"), moment(params, "tot"),
                matching(params, "pseudoniem", PSEUDONIEM), pagina == null ? 0 : Math.min(Integer.parseInt(pagina), BerichtenQueries.MAX_PAGINA));
    }

    private static String value(Map<String, String> params, String name) {
        String value = params.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String id(Map<String, String> params, String name) {
        return matching(params, name, ID);
    }

    private static String matching(Map<String, String> params, String name, String pattern) {
        String value = value(params, name);
        if (value != null && !value.matches(pattern)) {
            throw new IllegalArgumentException("invalid " + name);
        }
        return value;
    }

    /** A {@code datetime-local} value, in the console's time zone. */
    private static Instant moment(Map<String, String> params, String name) {
        String value = value(params, name);
        return value == null ? null : LocalDateTime.parse(value).atZone(Times.ZONE).toInstant();
    }

    /** One recipient on the detail page: its delivery, timeline, consent decisions and receipt. */
    record Ontvanger(BerichtBrowser.Bezorging bezorging, List<AuditTimeline.Gebeurtenis> tijdlijn,
            List<ConsentDecisions.Besluit> besluiten, Ontvangstbewijs ontvangstbewijs) {
    }

    @GetMapping("/beheer/berichten/{berichtId}")
    String bericht(@PathVariable String berichtId, Authentication who, Model model, HttpServletResponse response) {
        model.addAttribute("pagina", "berichten");
        Optional<BerichtBrowser.Bericht> found;
        try {
            found = queries.bericht(UUID.fromString(berichtId));
        } catch (IllegalArgumentException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "beheer/bericht";
        }
        BerichtBrowser.Bericht bericht = found.get();
        audit.view(who, bericht.berichtId(), bericht.berichtType(), bericht.pseudoniem(), "bericht:detail");
        List<AuditTimeline.Gebeurtenis> events = queries.gebeurtenissen(bericht.berichtId());
        List<ConsentDecisions.Besluit> besluiten = queries.besluiten(bericht.berichtId());
        Map<String, Ontvangstbewijs> bewijzen = receipts.of(bericht.berichtId()).stream()
                .collect(Collectors.toMap(Ontvangstbewijs::ontvanger, Function.identity(), (a, b) -> a));
        List<Ontvanger> ontvangers = new ArrayList<>();
        for (BerichtBrowser.Bezorging z : queries.bezorgingen(UUID.fromString(bericht.berichtId()))) {
            ontvangers.add(new Ontvanger(z, events.stream().filter(e -> z.ontvanger().equals(e.ontvanger())).toList(),
                    besluiten.stream().filter(b -> z.ontvanger().equals(b.ontvanger())).toList(), bewijzen.get(z.ontvanger())));
        }
        model.addAttribute("bericht", bericht);
        model.addAttribute("ontvangers", ontvangers);
        // A thread only where there is one: the message answers another, or has answers.
        model.addAttribute("draad", ledger.threadOf(bericht.berichtId())
                .filter(d -> !d.antwoorden().isEmpty() || !d.vraag().berichtId().equals(bericht.berichtId())).orElse(null));
        model.addAttribute("berichtGebeurtenissen", events.stream().filter(e -> e.ontvanger() == null).toList());
        model.addAttribute("afgekapt", events.size() >= BerichtenQueries.MAX_REGELS || besluiten.size() >= BerichtenQueries.MAX_REGELS);
        return "beheer/bericht";
    }
}
