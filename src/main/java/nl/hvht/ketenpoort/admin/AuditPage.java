package nl.hvht.ketenpoort.admin;

import nl.hvht.ketenpoort.audit.AuditChainVerifier;
import nl.hvht.ketenpoort.audit.VerificationResult;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audit page ({@code /beheer/audit}, PRIVACY and BEHEERDER): a button that verifies the whole hash chain
 * ({@link AuditChainVerifier}) and shows the result: records checked and the first broken record, if any. The check is
 * audit-logged ({@code ADMIN_ACTION}, outcome {@code OK} or {@code GEBROKEN}).
 */
@Controller
class AuditPage {

    private final AuditChainVerifier verifier;
    private final ConsoleAudit audit;

    AuditPage(AuditChainVerifier verifier, ConsoleAudit audit) {
        this.verifier = verifier;
        this.audit = audit;
    }

    @GetMapping("/beheer/audit")
    String pagina(Model model) {
        model.addAttribute("pagina", "audit");
        return "beheer/audit";
    }

    @PostMapping("/beheer/audit/verificatie")
    String verifieer(Authentication who, RedirectAttributes flash) {
        VerificationResult result = verifier.verifyFull();
        audit.action(who, result.valid() ? "OK" : "GEBROKEN", "auditketen:gecontroleerd=" + result.checkedRecords()
                + (result.valid() ? "" : " eerste=" + result.firstBrokenVolgnummer() + " " + result.problem()));
        flash.addFlashAttribute("verificatie", result);
        return "redirect:/beheer/audit";
    }
}
