/**
 * Retention: keeps storage bounded. Once a day (Camel timer route {@code retention}) the content of messages whose
 * deliveries all settled for good more than {@code ketenpoort.retention.content-days} days ago is removed (the received
 * body and the signed copies, via {@code delivery.SettledBodies}); metadata, statuses, the body's digest, the audit log,
 * the consent log and receipts stay. With several nodes one of them runs it per period (lock {@code retention},
 * {@code cluster.ClusterLock}). Audit records are kept at least five years ({@code ketenpoort.retention.audit-years},
 * a lower value stops start-up) and the consent log as long as the audit log: the gateway itself removes neither.
 */
package nl.hvht.ketenpoort.retention;
