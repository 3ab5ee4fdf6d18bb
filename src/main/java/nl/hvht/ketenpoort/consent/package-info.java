/**
 * Consent: the participant's toestemmingsverklaringen (which recipients may receive which data categories,
 * for which purposes, in which period; revocation takes effect at once), the consent decision, and the
 * consent log of every decision with its ground. Owns migration {@code V3__toestemming.sql}.
 *
 * <p>Public: {@link nl.hvht.ketenpoort.consent.ConsentService} (decide one recipient; never throws, fails
 * closed) with {@link nl.hvht.ketenpoort.consent.ConsentDecision}, {@link nl.hvht.ketenpoort.consent.ConsentLog}
 * (record a decision, by participant pseudonym), {@link nl.hvht.ketenpoort.consent.ConsentRegistry} (register,
 * read, revoke; consent registrar only, audit-logged) and {@link nl.hvht.ketenpoort.consent.Verklaring}.
 * The decision rules live in one pure class, {@code ConsentRules}; the REST API in {@code ConsentController}
 * ({@code /api/v1/toestemmingen}).
 *
 * <p>Also owns migration {@code V6__deelnemer_mijlpaal.sql}. Public for other features:
 * {@link nl.hvht.ketenpoort.consent.DisclosureReportService} (a participant's disclosure report, AVG art. 15,
 * audit-logged; web: {@code DisclosureController}, {@code /api/v1/deelnemers/{deelnemer}/verstrekkingen}, JSON or
 * HTML) and {@link nl.hvht.ketenpoort.consent.Mijlpalen} (notes release dates from messages, for the expiry warnings
 * of {@code WarningController}, {@code /api/v1/toestemmingen/waarschuwingen}).
 */
package nl.hvht.ketenpoort.consent;
