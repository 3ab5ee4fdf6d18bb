/**
 * The message standard and its hardened parser.
 *
 * <p>Owns the XSD v1 ({@code src/main/resources/xsd/v1}, namespace
 * {@code urn:nl:hvht:ketenpoort:bericht:v1}) and the JAXB classes generated from it
 * ({@code nl.hvht.ketenpoort.bericht.v1}); the {@link nl.hvht.ketenpoort.bericht.BerichtParser} that turns
 * untrusted bytes into a {@link nl.hvht.ketenpoort.bericht.ParsedBericht} (size and structure limits, no
 * DTDs or external access, XSD validation, envelope extraction) or a {@link nl.hvht.ketenpoort.problem.Rejection};
 * and the {@link nl.hvht.ketenpoort.bericht.CategorieCatalog}, which reads from the XSD which body section
 * belongs to which {@link nl.hvht.ketenpoort.bericht.Categorie}; and the
 * {@link nl.hvht.ketenpoort.bericht.Redactor}, which makes the copy of a message one recipient gets (withheld
 * sections removed, {@code ingehoudenCategorie} and the gateway's {@code verstrekking} with its
 * grondslagen ({@link nl.hvht.ketenpoort.bericht.VerstrekkingGrondslag}) added, validated again).
 *
 * <p>Also the status of a message for one recipient, {@link nl.hvht.ketenpoort.bericht.DeliveryStatus}: the one set of
 * status words every package uses (API, ledger, reports), never repeated as string literals.
 *
 * <p>Nothing in this package logs or puts message content into an exception message.
 */
package nl.hvht.ketenpoort.bericht;
