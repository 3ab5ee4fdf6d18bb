/**
 * The admin side: administrators and their roles (table {@code beheerder}, migration {@code V7__beheerder.sql};
 * passwords hashed with Spring Security's delegating encoder), the admin HTTPS port (its own Tomcat connector,
 * {@code ketenpoort.admin.port}, loopback by default, the gateway's TLS certificate, no client certificate), its
 * security chain ({@code /beheer/**}, only on that port), and the admin API: break-glass requests and their four-eyes
 * decision ({@code /beheer/api/v1/doorbraken}; the records live in {@code consent}, the release in
 * {@code delivery}), a participant's disclosure report ({@code /beheer/api/v1/deelnemers/{deelnemer}/verstrekkingen},
 * PRIVACY or BEHEERDER), and the signed receipts of a message ({@code /beheer/api/v1/berichten/{id}/ontvangstbewijzen},
 * any role). Every admin action is audit-logged with the administrator as actor ({@code beheerder:<naam>}).
 *
 * <p>Public: {@link nl.hvht.ketenpoort.admin.AdminProperties}, {@link nl.hvht.ketenpoort.admin.AdminRole} and
 * {@link nl.hvht.ketenpoort.admin.Beheerders} (create an administrator; used by the demo run).
 */
package nl.hvht.ketenpoort.admin;
