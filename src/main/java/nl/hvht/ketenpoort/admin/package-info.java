/**
 * The admin side: administrators and their roles (table {@code beheerder}, migrations {@code V7__beheerder.sql} and
 * {@code V10__beheerder_totp.sql}; passwords hashed with Spring Security's delegating encoder, TOTP secrets encrypted
 * under a key that each stored value names, re-encrypted under the current key at start-up after a key rotation),
 * their enrolment (demo run, or {@code ketenpoort.admin.enrol} at start-up), the admin HTTPS port (its own Tomcat
 * connector, {@code ketenpoort.admin.port}, loopback by default, the gateway's TLS certificate, no client certificate),
 * its security chain ({@code /beheer/**}, only on that port: form login, TOTP second factor, sessions, CSRF, login
 * throttling), the console (Thymeleaf pages in Dutch and English from the message bundles {@code messages.properties} and
 * {@code messages_en.properties}, Dutch by default, the choice remembered in a cookie by {@code LanguageChoice}; status
 * words and dates in the page's language through {@code Words} and {@code Times}; htmx and Chart.js from webjars: login, the
 * dashboard, the message browser, dead letters, consent and break-glass, audit chain check; every view of participant
 * data audit-logged as {@code ADMIN_VIEW} by {@code ConsoleAudit}) and the admin API: break-glass requests and their four-eyes decision ({@code /beheer/api/v1/doorbraken};
 * the records live in {@code consent}, the release in {@code delivery}) and a participant's disclosure report
 * ({@code /beheer/api/v1/deelnemers/{deelnemer}/verstrekkingen}, PRIVACY or BEHEERDER), and the signed receipts of a
 * message ({@code /beheer/api/v1/berichten/{id}/ontvangstbewijzen}, any role), and the audit export as JSON lines in the
 * shape of Logboek Dataverwerkingen ({@code /beheer/api/v1/audit/export}, PRIVACY only; the records come from
 * {@code audit.AuditExport}). Every login, logout and admin action is audit-logged with the administrator as actor
 * ({@code beheerder:<naam>}) and the NEN 7513 fields of the access ({@code ConsoleAccess}: roles, purpose of use,
 * network access point). Console logins are throttled ({@code LoginThrottle}); in cluster mode {@code shared} its counts
 * live in table {@code inlog_poging}, which this package owns ({@code JdbcLoginFailures} holds all its SQL).
 *
 * <p>Public: {@link nl.hvht.ketenpoort.admin.AdminProperties}, {@link nl.hvht.ketenpoort.admin.AdminRole},
 * {@link nl.hvht.ketenpoort.admin.AdminAccounts} and {@link nl.hvht.ketenpoort.admin.Enrolment} (create an administrator
 * with password and TOTP secret; used by the demo run).
 *
 * <p>Tables: owns {@code beheerder} (all its SQL in {@code AdminAccounts}). The console reads no other table itself: the
 * dashboard and the message browser ask the owners' read models ({@code delivery.LedgerFigures},
 * {@code delivery.BerichtBrowser}, {@code audit.AuditTimeline}, {@code consent.ConsentDecisions}).
 * <p>Data access: {@code JdbcClient} with named parameters, columns read by name; batches on
 * {@code NamedParameterJdbcTemplate.batchUpdate} with named parameters; transactions with {@code TransactionTemplate}.
 */
package nl.hvht.ketenpoort.admin;
