package nl.hvht.ketenpoort.audit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.v1.BerichtType;
import nl.hvht.ketenpoort.bericht.v1.Doel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The register of processing activities (verwerkingsactiviteiten, {@code ketenpoort.verwerkingsregister}): every audit
 * record names the activity it is part of ({@code dpl.core.processing_activity_id} in Logboek Dataverwerkingen).
 *
 * <p>A message flow is a message type with a purpose: every type of the XSD ({@code BerichtType}) with every purpose
 * ({@code Doel}) is accepted by the intake, so each of these pairs needs exactly one activity under {@code berichten};
 * start-up fails naming the first flow without one (or with two). Console access and administration have the
 * activity {@code beheer}, the consent registry's own steps the activity {@code toestemming}.
 *
 * @param resource    the processing system as it names itself in exported records ({@code resource.service.name})
 * @param beheer      console access, administration and audit export
 * @param toestemming registering, changing and revoking toestemmingsverklaringen through the registrar's API
 * @param berichten   the message flows: per message type (and purposes) one activity
 */
@Validated
@ConfigurationProperties("ketenpoort.verwerkingsregister")
public record Verwerkingsregister(
        @DefaultValue("ketenpoort") String resource,
        @NotNull @Valid Verwerkingsactiviteit beheer,
        @NotNull @Valid Verwerkingsactiviteit toestemming,
        List<Stroom> berichten) {

    private static final String WHERE = "ketenpoort.verwerkingsregister";
    /** The steps of the console and of administration: they are part of the activity {@code beheer}. */
    private static final Set<AuditStep> BEHEER = EnumSet.of(AuditStep.ADMIN_LOGIN, AuditStep.ADMIN_LOGOUT,
            AuditStep.ADMIN_VIEW, AuditStep.ADMIN_ACTION, AuditStep.RECEIPT_VIEWED, AuditStep.BREAK_GLASS_REQUESTED,
            AuditStep.BREAK_GLASS_DECIDED, AuditStep.DISCLOSURE_REPORT, AuditStep.DEAD_LETTER_RETRIED,
            AuditStep.DEAD_LETTER_DISCARDED, AuditStep.AUDIT_EXPORT);
    private static final Set<AuditStep> TOESTEMMING = EnumSet.of(AuditStep.CONSENT_REGISTERED, AuditStep.CONSENT_REVOKED,
            AuditStep.CONSENT_CHANGED);

    public Verwerkingsregister {
        if (resource == null || resource.isBlank()) {
            resource = "ketenpoort";
        }
        if (resource.length() > 100) {
            throw new IllegalArgumentException(WHERE + ".resource: at most 100 characters");
        }
        berichten = berichten == null ? List.of() : List.copyOf(berichten);
        if (beheer == null || toestemming == null) {
            throw new IllegalArgumentException(WHERE + ": the activities 'beheer' and 'toestemming' are required");
        }
        Set<String> ids = new HashSet<>();
        List<Verwerkingsactiviteit> all = new ArrayList<>(List.of(beheer, toestemming));
        berichten.forEach(s -> all.add(s.activiteit()));
        for (Verwerkingsactiviteit a : all) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException(WHERE + ": activity id " + a.id() + " is used twice; ids are stable and unique");
            }
        }
        Map<String, Stroom> byFlow = new HashMap<>();
        for (Stroom s : berichten) {
            for (String doel : s.doelen()) {
                Stroom before = byFlow.put(flow(s.berichtType(), doel), s);
                if (before != null) {
                    throw new IllegalArgumentException(WHERE + ".berichten: the flow " + s.berichtType() + " with purpose " + doel
                            + " has two activities (" + before.id() + ", " + s.id() + "); a flow has exactly one");
                }
            }
        }
        for (BerichtType type : BerichtType.values()) {
            for (Doel doel : Doel.values()) {
                if (!byFlow.containsKey(flow(type.value(), doel.value()))) {
                    throw new IllegalArgumentException(WHERE + ".berichten: no processing activity for the flow " + type.value()
                            + " with purpose " + doel.value() + "; every message type and purpose the gateway accepts needs one");
                }
            }
        }
    }

    /** The activity of a message flow; empty for a type or purpose the XSD does not know. */
    public Optional<Verwerkingsactiviteit> voorStroom(String berichtType, String doel) {
        return berichten.stream().filter(s -> s.berichtType().equals(berichtType) && s.doelen().contains(doel))
                .findFirst().map(Stroom::activiteit);
    }

    /**
     * The activity an audited step is part of: console and administration steps {@code beheer}, the consent registry's
     * {@code toestemming}, every other step of a message its flow (by type and purpose; by type alone when one activity
     * covers every purpose of the type). Null for a step about no readable message (a refused request).
     */
    Verwerkingsactiviteit voor(AuditEvent event) {
        if (BEHEER.contains(event.step())) {
            return beheer;
        }
        if (TOESTEMMING.contains(event.step())) {
            return toestemming;
        }
        if (event.berichtType() == null) {
            return null;
        }
        if (event.doel() != null) {
            return voorStroom(event.berichtType(), event.doel()).orElse(null);
        }
        List<Stroom> ofType = berichten.stream().filter(s -> s.berichtType().equals(event.berichtType())).toList();
        return ofType.size() == 1 ? ofType.get(0).activiteit() : null;
    }

    private static String flow(String type, String doel) {
        return type + "/" + doel;
    }

    /**
     * One activity of the register.
     *
     * @param id        stable id, an absolute URI (e.g. {@code https://.../verwerkingsactiviteiten/overdracht} or a URN)
     * @param naam      its name in the register
     * @param grondslag its legal basis (AVG art. 6, and art. 9/10 where special or criminal data are processed)
     */
    public record Verwerkingsactiviteit(String id, String naam, String grondslag) {

        public Verwerkingsactiviteit {
            if (id == null || !isAbsoluteUri(id) || id.length() > 200) {
                throw new IllegalArgumentException(WHERE + ": an activity id must be an absolute URI of at most 200 characters");
            }
            if (naam == null || naam.isBlank()) {
                throw new IllegalArgumentException(WHERE + ": activity " + id + " needs a naam");
            }
            if (grondslag == null || grondslag.isBlank()) {
                throw new IllegalArgumentException(WHERE + ": activity " + id + " needs a grondslag (legal basis)");
            }
        }

        private static boolean isAbsoluteUri(String id) {
            try {
                return new URI(id).isAbsolute();
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }

    /**
     * A message flow's activity ({@code ketenpoort.verwerkingsregister.berichten[]}).
     *
     * @param id          see {@link Verwerkingsactiviteit}
     * @param naam        see {@link Verwerkingsactiviteit}
     * @param grondslag   see {@link Verwerkingsactiviteit}
     * @param berichtType message type as in the XSD, in any case
     * @param doelen      purpose codes; not set: every purpose
     */
    public record Stroom(String id, String naam, String grondslag, String berichtType, Set<String> doelen) {

        public Stroom {
            Verwerkingsactiviteit checked = new Verwerkingsactiviteit(id, naam, grondslag);
            String type = berichtType;
            berichtType = Arrays.stream(BerichtType.values()).map(BerichtType::value).filter(v -> v.equalsIgnoreCase(type))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(WHERE + ".berichten: activity " + checked.id()
                            + " names an unknown message type " + type));
            Set<String> codes = new LinkedHashSet<>();
            if (doelen == null || doelen.isEmpty()) {
                Arrays.stream(Doel.values()).forEach(d -> codes.add(d.value()));
            } else {
                for (String d : doelen) {
                    if (Arrays.stream(Doel.values()).noneMatch(v -> v.value().equals(d))) {
                        throw new IllegalArgumentException(WHERE + ".berichten: activity " + checked.id() + " names an unknown purpose " + d);
                    }
                    codes.add(d);
                }
            }
            doelen = Set.copyOf(codes);
        }

        Verwerkingsactiviteit activiteit() {
            return new Verwerkingsactiviteit(id, naam, grondslag);
        }
    }
}
