/**
 * Alerts: an incident when a message is dead-lettered ({@code dlq}), when a partner fails
 * {@code ketenpoort.alert.consecutive-failures} delivery attempts in a row ({@code partner-fails:<id>}), or when the
 * oldest undelivered message to a recipient is older than {@code ketenpoort.alert.max-undelivered-age}
 * ({@code oldest-undelivered:<id>}). ONE notification per incident (open incidents are stored, table {@code incident},
 * Flyway {@code V12__incident.sql}), a reminder at most once per {@code ketenpoort.alert.quiet-period} while it lasts, and a RESOLVED
 * notification when it clears. Channels: e-mail (Spring Mail) and a JSON webhook. Evaluated by the Camel timer route
 * {@code alert-evaluate}, and at once when delivery publishes a {@code DeliveryEvent.DeadLettered}. Notifications hold
 * incident keys, partner ids, counts and reason codes only: never message content or participant ids. With several
 * nodes an evaluation runs on one node at a time (lock {@code alert-evaluate}, {@code cluster.ClusterLock}), and in
 * cluster mode {@code shared} the failure streaks are in table {@code storing_reeks}, owned here
 * ({@code ConsecutiveFailures} holds all its SQL).
 *
 * <p>Off unless {@code ketenpoort.alert.enabled=true}; then at least one channel must be configured.
 */
package nl.hvht.ketenpoort.alert;
