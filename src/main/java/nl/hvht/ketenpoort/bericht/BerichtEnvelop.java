package nl.hvht.ketenpoort.bericht;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The routing and accountability fields of a message, read from its {@code envelop}.
 * (Not named {@code Envelop}: the JAXB class {@link nl.hvht.ketenpoort.bericht.v1.Envelop} it is read from has that
 * name, and {@link BerichtParser} uses both.)
 *
 * @param berichtId     unique message id (UUID, lower case)
 * @param berichtType   body type, e.g. {@code Overdracht}
 * @param afzender      partner id of the sender
 * @param ontvangers    partner ids the sender addressed (routing rules may add more)
 * @param deelnemer     participant id the message is about (personal data: never log it)
 * @param doel          purpose (doelbinding) code
 * @param aanmaakmoment creation time at the sender
 * @param correlatieId  id of the message this one answers, or null
 */
public record BerichtEnvelop(
        String berichtId,
        String berichtType,
        String afzender,
        List<String> ontvangers,
        String deelnemer,
        String doel,
        OffsetDateTime aanmaakmoment,
        String correlatieId) {

    public BerichtEnvelop {
        ontvangers = List.copyOf(ontvangers);
    }

    @Override
    public String toString() {
        return "BerichtEnvelop[berichtId=" + berichtId + ", berichtType=" + berichtType + ", afzender=" + afzender
                + ", ontvangers=" + ontvangers + ", doel=" + doel + "]";
    }
}
