/**
 * Alerts: an incident when a message is dead-lettered ({@code dlq}), when a partner fails
 * {@code ketenpoort.alert.opeenvolgende-fouten} delivery attempts in a row ({@code partner-fails:<id>}), or when the
 * oldest undelivered message to a recipient is older than {@code ketenpoort.alert.max-leeftijd-onbezorgd}
 * ({@code oldest-undelivered:<id>}). ONE notification per incident (open incidents are stored, table {@code incident},
 * Flyway {@code V12__incident.sql}), a reminder at most once per {@code stilteperiode} while it lasts, and a RESOLVED
 * notification when it clears. Channels: e-mail (Spring Mail) and a JSON webhook. Evaluated by the Camel timer route
 * {@code alert-evaluatie}, and at once when delivery publishes a {@code DeliveryEvent.DeadLettered}. Notifications hold
 * incident keys, partner ids, counts and reason codes only: never message content or participant ids.
 *
 * <p>Off unless {@code ketenpoort.alert.enabled=true}; then at least one channel must be configured.
 *
 * <p>Tables: owns {@code incident} (all its SQL in {@code JdbcIncidentStore}, {@code JdbcClient} with named
 * parameters); the backlog comes from {@code delivery.DeliveryBacklog}.
 */
package nl.hvht.ketenpoort.alert;
