package nl.hvht.ketenpoort.routing;

import java.util.Optional;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.bericht.v1.Inhoud;
import nl.hvht.ketenpoort.consent.Actor;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerSoort;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import org.springframework.stereotype.Component;

/**
 * The operations the distribution rules in {@code routes/} call. Each adds the partner a message names in
 * a given role, after checking that it is a registry partner of the kind that role needs. The role goes with the
 * recipient: consent can name "the municipality he moves to" ({@code rol:uitstroomgemeente}) instead of a partner.
 */
@Component("distributionRules")
public class DistributionRules {

    private final PartnerRegistry registry;

    DistributionRules(PartnerRegistry registry) {
        this.registry = registry;
    }

    /** Overdracht: the municipality the participant moves to. */
    public void addUitstroomgemeente(Dispatch dispatch) {
        Optional.ofNullable(inhoud(dispatch).getOverdracht())
                .map(o -> o.getUitstroom())
                .map(u -> u.getGemeente())
                .ifPresent(id -> add(dispatch, id, PartnerSoort.GEMEENTE, Actor.ROL_UITSTROOMGEMEENTE));
    }

    /** Overdracht: the probation organisation that supervises him. */
    public void addReclassering(Dispatch dispatch) {
        Optional.ofNullable(inhoud(dispatch).getOverdracht())
                .map(o -> o.getToezicht())
                .map(t -> t.getReclasseringsorganisatie())
                .ifPresent(id -> add(dispatch, id, PartnerSoort.RECLASSERING, Actor.ROL_RECLASSERING));
    }

    /** Verwijzing: the care partner it refers to. */
    public void addZorgpartner(Dispatch dispatch) {
        Optional.ofNullable(inhoud(dispatch).getVerwijzing())
                .map(v -> v.getZorgpartner())
                .ifPresent(id -> add(dispatch, id, PartnerSoort.ZORGPARTNER, Actor.ROL_ZORGPARTNER));
    }

    /** Detentiemelding: the municipality of residence (a legal task may cover this flow, see consent). */
    public void addWoongemeente(Dispatch dispatch) {
        Optional.ofNullable(inhoud(dispatch).getDetentiemelding())
                .map(d -> d.getWoongemeente())
                .ifPresent(id -> add(dispatch, id, PartnerSoort.GEMEENTE, Actor.ROL_WOONGEMEENTE));
    }

    /** Every recipient must be a registry partner other than the sender, and there must be at least one. */
    public void checkRecipients(Dispatch dispatch) {
        for (String recipient : dispatch.recipients()) {
            if (registry.byId(recipient).isEmpty()) {
                throw new Rejection(RejectionCode.UNKNOWN_RECIPIENT, "Onbekende ontvanger: " + recipient + ".");
            }
            if (recipient.equals(dispatch.caller())) {
                throw new Rejection(RejectionCode.UNKNOWN_RECIPIENT, "De afzender kan niet ook ontvanger zijn.");
            }
        }
        if (dispatch.recipients().isEmpty()) {
            throw new Rejection(RejectionCode.NO_RECIPIENTS);
        }
    }

    private void add(Dispatch dispatch, String partnerId, PartnerSoort kind, String role) {
        Partner partner = registry.byId(partnerId).orElseThrow(() -> new Rejection(RejectionCode.UNKNOWN_RECIPIENT,
                "Onbekende " + role + ": " + partnerId + "."));
        if (partner.soort() != kind) {
            throw new Rejection(RejectionCode.UNKNOWN_RECIPIENT,
                    "De " + role + " " + partnerId + " is geen partner van soort " + kind + ".");
        }
        dispatch.addRecipient(partnerId, role);
    }

    private static Inhoud inhoud(Dispatch dispatch) {
        return dispatch.message().bericht().getInhoud();
    }
}
