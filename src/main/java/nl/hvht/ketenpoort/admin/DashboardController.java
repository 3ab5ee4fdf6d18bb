package nl.hvht.ketenpoort.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.consent.ConsentProperties;
import nl.hvht.ketenpoort.consent.ExpiryWarnings;
import nl.hvht.ketenpoort.delivery.DeliveryProperties;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The dashboard ({@code /beheer/}, any admin role): traffic per partner and message type (hour, day, week; table and
 * chart), queue depth, oldest undelivered message and health per recipient, certificates and toestemmingsverklaringen
 * about to expire. Each part is an htmx fragment under {@code /beheer/dashboard/} that the page polls every 5 s.
 * Aggregates and ids only: no participant data, so no view is audit-logged here.
 */
@Controller
class DashboardController {

    private final DashboardQueries queries;
    private final QueueDepths queues;
    private final ExpiringCertificates certificates;
    private final ExpiryWarnings consentWarnings;
    private final ConsentProperties consent;
    private final DeliveryProperties delivery;
    private final PartnerRegistry partners;
    private final Clock clock;

    DashboardController(DashboardQueries queries, QueueDepths queues, ExpiringCertificates certificates, ExpiryWarnings consentWarnings,
            ConsentProperties consent, DeliveryProperties delivery, PartnerRegistry partners, Clock clock) {
        this.queries = queries;
        this.queues = queues;
        this.certificates = certificates;
        this.consentWarnings = consentWarnings;
        this.consent = consent;
        this.delivery = delivery;
        this.partners = partners;
        this.clock = clock;
    }

    @GetMapping(LoginFlow.HOME)
    String dashboard(@RequestParam(required = false) String venster, Model model) {
        model.addAttribute("venster", DashboardQueries.Venster.of(venster).name().toLowerCase());
        model.addAttribute("pagina", "dashboard");
        return "beheer/dashboard";
    }

    @GetMapping("/beheer/dashboard/verkeer")
    String traffic(@RequestParam(required = false) String venster, Model model) {
        model.addAttribute("verkeer", queries.verkeer(DashboardQueries.Venster.of(venster)));
        model.addAttribute("venster", DashboardQueries.Venster.of(venster).name().toLowerCase());
        return "beheer/dashboard-delen :: verkeer";
    }

    /** Chart data: per partner the counts of the window, summed over message types. */
    @GetMapping("/beheer/dashboard/grafiek")
    @ResponseBody
    Map<String, Object> chart(@RequestParam(required = false) String venster) {
        Map<String, long[]> perPartner = new LinkedHashMap<>();
        for (DashboardQueries.Verkeer row : queries.verkeer(DashboardQueries.Venster.of(venster))) {
            long[] sums = perPartner.computeIfAbsent(row.partner(), p -> new long[4]);
            sums[0] += row.ontvangen();
            sums[1] += row.bezorgd();
            sums[2] += row.ingehouden();
            sums[3] += row.mislukt();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("partners", List.copyOf(perPartner.keySet()));
        String[] series = {"ontvangen", "bezorgd", "ingehouden", "mislukt"};
        for (int i = 0; i < series.length; i++) {
            int index = i;
            data.put(series[i], perPartner.values().stream().map(c -> c[index]).toList());
        }
        return data;
    }

    /** One recipient as shown: queue, backlog and health. */
    record OntvangerRij(String partner, String naam, String wachtrij, long open, String oudsteOpen, long inHerhaling,
            String pogingen, Instant laatsteSucces, long mislukkingen, String toestand) {
    }

    @GetMapping("/beheer/dashboard/ontvangers")
    String recipients(Model model) {
        Map<String, DashboardQueries.Ontvanger> states = queries.ontvangers();
        Instant now = clock.instant();
        List<OntvangerRij> rows = new ArrayList<>();
        Map<String, Integer> depths = queues.deliveries();
        for (Partner partner : partners.all()) {
            DashboardQueries.Ontvanger s = states.getOrDefault(partner.id(), new DashboardQueries.Ontvanger(0, null, 0, 0, null, 0));
            String toestand = s.mislukkingenNaSucces() > 0 ? "storing" : s.inHerhaling() > 0 ? "herhaling" : "ok";
            rows.add(new OntvangerRij(partner.id(), partner.naam(), Integer.toString(depths.getOrDefault(partner.id(), 0)), s.open(),
                    s.oudsteOpen() == null ? "" : age(Duration.between(s.oudsteOpen(), now)), s.inHerhaling(),
                    s.inHerhaling() > 0 ? s.meestePogingen() + " / " + delivery.maxAttempts() : "",
                    s.laatsteSucces(), s.mislukkingenNaSucces(), toestand));
        }
        model.addAttribute("ontvangers", rows);
        model.addAttribute("dodeBrieven", Long.toString(queues.deadLetters()));
        return "beheer/dashboard-delen :: ontvangers";
    }

    @GetMapping("/beheer/dashboard/verloopt")
    String expiring(Model model) {
        model.addAttribute("certificaten", certificates.soon());
        model.addAttribute("verklaringen", consentWarnings.expiring(consent.expiryWarningDays()).stream()
                .map(v -> new Verklaring(v.id().toString(), v.versie(), v.geldigTot(), v.dagenOver())).toList());
        model.addAttribute("voorUitstroom", consentWarnings.beforeMilestones().size());
        model.addAttribute("dagen", consent.expiryWarningDays());
        return "beheer/dashboard-delen :: verloopt";
    }

    /** A verklaring about to end, without its participant. */
    record Verklaring(String id, int versie, Instant geldigTot, long dagenOver) {
    }

    /** {@code h:mm:ss}, or {@code d d h:mm:ss} past a day. */
    static String age(Duration age) {
        long seconds = Math.max(0, age.getSeconds());
        long days = seconds / 86_400;
        String time = String.format("%d:%02d:%02d", (seconds % 86_400) / 3600, (seconds % 3600) / 60, seconds % 60);
        return days > 0 ? days + " d " + time : time;
    }
}
