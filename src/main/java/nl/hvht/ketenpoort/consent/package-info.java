/**
 * Consent: the participant's toestemmingsverklaringen and every decision taken on them. A verklaring has versions;
 * each version has permits ({@link nl.hvht.ketenpoort.consent.Bepaling}: actors, categories, purposes, period) with
 * nested deny exceptions ({@link nl.hvht.ketenpoort.consent.Uitzondering}); actors name a partner, a kind of
 * partner or the role the message gives a recipient ({@link nl.hvht.ketenpoort.consent.Actor}). The decision per
 * category lives in one pure class, {@code ConsentRules}; {@code CopyPolicy} adds the legal tasks and the
 * redaction policy per message type ({@link nl.hvht.ketenpoort.consent.ConsentProperties}), and the legal tasks other
 * features configure for their flows ({@link nl.hvht.ketenpoort.consent.WettelijkeTaakSource}: the flow ground for answers).
 * {@link nl.hvht.ketenpoort.consent.ConsentGate} takes every decision (intake and, under the participant's lock,
 * right before every delivery attempt) and writes it to the consent log and the audit log with its grounds
 * ({@link nl.hvht.ketenpoort.consent.Grondslag}: verklaring version, legal task, break-glass release).
 *
 * <p>Ways in: {@link nl.hvht.ketenpoort.consent.ConsentRegistry} (register, change, revoke; the registrar only;
 * a revocation or change commits after the delivery attempts under way have finished, {@code IntrekkingFence}), used
 * by the JSON API ({@code ConsentController}, {@code /api/v1/toestemmingen}) and by the pipeline step for
 * Toestemmingsverklaring and Intrekking messages ({@code ConsentBerichtStep}, {@code direct:register-consent}).
 *
 * <p>Answers: {@link nl.hvht.ketenpoort.consent.DisclosureReportService} (a participant's disclosure report, AVG
 * art. 15, audit-logged; {@code /api/v1/deelnemers/{deelnemer}/verstrekkingen}, JSON or HTML, and on the admin
 * side), the expiry warnings ({@code WarningController}, {@code /api/v1/toestemmingen/waarschuwingen}, with the
 * release dates {@link nl.hvht.ketenpoort.consent.Mijlpalen} notes from messages), and the break-glass records
 * ({@link nl.hvht.ketenpoort.consent.Doorbraak}, four eyes).
 *
 * <p>Owns migrations V3 (verklaringen, consent log), V5 (versions and provisions), V6 (release dates) and V8
 * (break-glass requests). Tables (README, "Tables and their owners"): {@code toestemmingsverklaring},
 * {@code toestemmingsversie}, {@code toestemming_bepaling}, {@code toestemming_bepaling_waarde} ({@code VerklaringStore}),
 * {@code toestemmingsbesluit} ({@code ConsentLog}; read for the admin side by
 * {@link nl.hvht.ketenpoort.consent.ConsentDecisions}), {@code deelnemer_mijlpaal} ({@code Mijlpalen}) and
 * {@code doorbraak} ({@code DoorbraakStore}); all their SQL is here. A decision reads the verklaring and version rows
 * every time; the provisions of a version, written once and never changed, are read once per version and node
 * ({@code ProvisionCache}). The ledger, owned by {@code delivery} above, is read
 * through {@link nl.hvht.ketenpoort.consent.DeliveryHistory}, which delivery implements.
 * <p>Data access: {@code JdbcClient} with named parameters, columns read by name; batches on
 * {@code NamedParameterJdbcTemplate.batchUpdate} with named parameters; transactions with {@code TransactionTemplate}.
 */
package nl.hvht.ketenpoort.consent;
