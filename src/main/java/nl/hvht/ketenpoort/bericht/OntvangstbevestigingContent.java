package nl.hvht.ketenpoort.bericht;

import java.time.OffsetDateTime;

/**
 * What a partner's signed receipt ({@code ontvangstbevestiging}, {@code xsd/v1/ontvangstbevestiging.xsd}) says,
 * after XSD validation. Ids and a digest only: nothing here is message content.
 *
 * @param berichtId       the berichtId the partner received
 * @param ontvanger       the partner id of the receiving partner
 * @param digest          SHA-256 of the bytes it received, lower-case hex (64 characters)
 * @param ontvangstmoment when it received them (its own clock)
 */
public record OntvangstbevestigingContent(String berichtId, String ontvanger, String digest, OffsetDateTime ontvangstmoment) {
}
