package nl.hvht.ketenpoort.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.consent.ConsentProperties;
import nl.hvht.ketenpoort.consent.DisclosureReport;
import nl.hvht.ketenpoort.consent.DisclosureReportService;
import nl.hvht.ketenpoort.consent.Doorbraak;
import nl.hvht.ketenpoort.consent.ExpiryWarnings;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Consent views ({@code /beheer/toestemming}, PRIVACY and BEHEERDER): for a participant his verklaringen with all
 * versions, expiry warnings, his consent log and a link to his disclosure report (all from
 * {@link DisclosureReportService}, which audit-logs the report); and the break-glass requests, which a BEHEERDER approves
 * or refuses here (four eyes enforced by {@link DoorbraakService}). Every view is audit-logged ({@code ADMIN_VIEW}, the
 * participant only as pseudonym).
 */
@Controller
@RequestMapping("/beheer/toestemming")
class ConsentPage {

    static final int MAX_BESLUITEN = 200;
    static final int MAX_DOORBRAKEN = 100;
    private static final String TERUG = "redirect:/beheer/toestemming";

    private final DisclosureReportService reports;
    private final ExpiryWarnings warnings;
    private final ConsentProperties consent;
    private final DoorbraakService doorbraken;
    private final Pseudonymizer pseudonymizer;
    private final ConsoleAudit audit;
    private final Notices meldingen;
    private final Words woorden;

    ConsentPage(DisclosureReportService reports, ExpiryWarnings warnings, ConsentProperties consent, DoorbraakService doorbraken,
            Pseudonymizer pseudonymizer, ConsoleAudit audit, Notices meldingen, Words woorden) {
        this.reports = reports;
        this.warnings = warnings;
        this.consent = consent;
        this.doorbraken = doorbraken;
        this.pseudonymizer = pseudonymizer;
        this.audit = audit;
        this.meldingen = meldingen;
        this.woorden = woorden;
    }

    @GetMapping
    String pagina(@RequestParam Optional<String> deelnemer, Authentication who, Model model) {
        model.addAttribute("pagina", "toestemming");
        model.addAttribute("magHandelen", Roles.has(who, AdminRole.BEHEERDER));
        deelnemer.map(String::strip).filter(d -> !d.isEmpty()).ifPresent(d -> deelnemer(d, who, model));
        List<Doorbraak> requests = doorbraken.list(Optional.empty()).stream()
                .sorted(Comparator.comparing((Doorbraak d) -> d.status() != Doorbraak.Status.AANGEVRAAGD)
                        .thenComparing(Doorbraak::aangevraagdOp, Comparator.reverseOrder()))
                .limit(MAX_DOORBRAKEN).toList();
        audit.view(who, null, null, null, "doorbraken:lijst aantal=" + requests.size());
        model.addAttribute("doorbraken", requests);
        return "beheer/toestemming";
    }

    private void deelnemer(String deelnemer, Authentication who, Model model) {
        model.addAttribute("deelnemer", deelnemer);
        DisclosureReport report;
        try {
            report = reports.reportFor(deelnemer, AdminSecurityConfig.actor(who.getName()));
        } catch (Rejection refused) {
            model.addAttribute("deelnemerFout", woorden.probleem(refused));
            return;
        }
        String pseudoniem = pseudonymizer.pseudonym(deelnemer);
        audit.view(who, null, null, pseudoniem, "toestemming:deelnemer verklaringversies=" + report.verklaringen().size()
                + " besluiten=" + report.besluiten().size(), ConsoleAccess.VERANTWOORDING);
        List<DisclosureReport.Besluit> besluiten = report.besluiten();
        model.addAttribute("pseudoniem", pseudoniem);
        model.addAttribute("verklaringen", report.verklaringen());
        List<DisclosureReport.Besluit> laatste = new ArrayList<>(besluiten.subList(Math.max(0, besluiten.size() - MAX_BESLUITEN), besluiten.size()));
        Collections.reverse(laatste);
        model.addAttribute("besluiten", laatste);
        model.addAttribute("besluitenAfgekapt", besluiten.size() > MAX_BESLUITEN);
        model.addAttribute("verloopt", warnings.expiring(consent.expiryWarningDays()).stream()
                .filter(v -> deelnemer.equals(v.deelnemer())).toList());
        model.addAttribute("voorMijlpaal", warnings.beforeMilestones().stream().filter(v -> deelnemer.equals(v.deelnemer())).toList());
        model.addAttribute("dagen", consent.expiryWarningDays());
    }

    @PostMapping("/doorbraken/{id}/goedkeuring")
    String goedkeuren(@PathVariable UUID id, Authentication who, RedirectAttributes flash) {
        try {
            doorbraken.goedkeuren(id, who.getName());
            meldingen.ok(flash, "toestemming.doorbraak.goedgekeurd");
        } catch (Rejection refused) {
            meldingen.fout(flash, refused);
        }
        return TERUG;
    }

    @PostMapping("/doorbraken/{id}/afwijzing")
    String afwijzen(@PathVariable UUID id, Authentication who, RedirectAttributes flash) {
        try {
            doorbraken.afwijzen(id, who.getName());
            meldingen.ok(flash, "toestemming.doorbraak.afgewezen");
        } catch (Rejection refused) {
            meldingen.fout(flash, refused);
        }
        return TERUG;
    }
}
