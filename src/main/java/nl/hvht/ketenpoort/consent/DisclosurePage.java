package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Dutch wording and formatting for the HTML disclosure report ({@code templates/consent/verstrekkingen.html}):
 * times in Europe/Amsterdam, status words, denial reasons and grounds in plain Dutch. Codes stay visible next to the
 * wording, so the page can be checked against the logs. The template escapes everything it prints.
 */
final class DisclosurePage {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss").withZone(ZONE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy").withZone(ZONE);

    private static final Map<String, String> STATUS = Map.of(
            DisclosureReport.DELIVERED, "verstrekt",
            DisclosureReport.WITHHELD, "ingehouden",
            DisclosureReport.FAILED, "bezorging mislukt",
            "QUEUED", "nog onderweg",
            "ACCEPTED", "nog onderweg");

    private static final Map<String, String> REASON = Map.of(
            "NO_CONSENT", "geen toestemming voor deze ontvanger",
            "REVOKED", "toestemming ingetrokken",
            "EXPIRED", "toestemming verlopen of nog niet ingegaan",
            "CATEGORY_NOT_COVERED", "gegevenscategorie valt niet onder de toestemming",
            "PURPOSE_NOT_COVERED", "doel valt niet onder de toestemming",
            "DENIED_BY_EXCEPTION", "uitgesloten door een uitzondering in de toestemming",
            "CHECK_FAILED", "toestemming kon niet worden gecontroleerd (technisch)");

    public String tijd(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    public String datum(Instant instant) {
        return instant == null ? "—" : DATE.format(instant);
    }

    public String status(String status) {
        return STATUS.getOrDefault(status, status);
    }

    public String reden(String reden) {
        if (reden == null || reden.isBlank()) {
            return "—";
        }
        String text = REASON.get(reden);
        return text == null ? reden : text + " (" + reden + ")";
    }

    public String uitkomst(String uitkomst) {
        return "ALLOWED".equals(uitkomst) ? "toegestaan" : "DENIED".equals(uitkomst) ? "geweigerd" : uitkomst;
    }

    public String fase(String fase) {
        return "INTAKE".equals(fase) ? "bij ontvangst" : "BEZORGING".equals(fase) ? "bij bezorging" : fase;
    }

    public String grondslag(DisclosureReport.GrondslagView g) {
        return switch (g.soort()) {
            case "TOESTEMMING" -> "toestemmingsverklaring " + g.id() + ", versie " + g.versie();
            case "WETTELIJKE_TAAK" -> "wettelijke taak " + g.naam();
            case "DOORBRAAK" -> "doorbraak (vrijgave door twee beheerders) " + g.id();
            default -> g.code();
        };
    }

    public String grondslagen(List<DisclosureReport.GrondslagView> grounds) {
        return grounds.isEmpty() ? "—" : String.join("; ", grounds.stream().map(this::grondslag).toList());
    }

    public String lijst(List<String> values) {
        return values == null || values.isEmpty() ? "—" : String.join(", ", values);
    }

    public String periode(Instant van, Instant tot) {
        return van == null ? "als de verklaring" : tijd(van) + " tot " + tijd(tot);
    }
}
