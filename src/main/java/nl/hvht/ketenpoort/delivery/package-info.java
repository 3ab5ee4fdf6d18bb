/**
 * Durable delivery. Owns the ledger (message and per-recipient status, which is the delivery queue itself: the single
 * source of truth), the intake committer that writes it for many requests in one commit before their 202
 * ({@code IntakeCommitter}), and the delivery worker ({@code DeliveryWorker}): per recipient it claims a batch of due
 * deliveries and re-checks consent in one commit ({@code DeliveryClaims}), POSTs the signed copies to the partner with
 * the gateway's client certificate over pooled connections, and records the outcomes in one commit
 * ({@code DeliveryOutcomes}), usually the commit of its next claim; recovery after a crash is the same claim query. The broker only rings the doorbell
 * between nodes ({@code DeliveryWakeups}, non-persistent); nothing waits for it ({@code BrokerUrlCheck} refuses a URL
 * that would make a first connection endless). And the response side: a partner's signed receipt in its answer,
 * verified ({@code OntvangstbewijsVerifier}) and stored as proof of delivery
 * ({@link nl.hvht.ketenpoort.delivery.OntvangstbewijsStore}, table {@code ontvangstbewijs}).
 *
 * <p>Also owns the dead letters ({@link nl.hvht.ketenpoort.delivery.DeadLetters}: list, limited manual retry, discard
 * with a reason; Flyway {@code V11__dode_brieven.sql}), the delivery events other features listen to
 * ({@link nl.hvht.ketenpoort.delivery.DeliveryEvent}), the backlog per recipient
 * ({@link nl.hvht.ketenpoort.delivery.DeliveryBacklog}) and the removal of settled messages' content for retention
 * ({@link nl.hvht.ketenpoort.delivery.SettledBodies}).
 *
 * <p>The ledger also holds the thread of question and answers ({@code bericht.antwoord_op}, Flyway
 * {@code V18__antwoord_op.sql}): {@link nl.hvht.ketenpoort.delivery.DeliveryLedger#question} answers the routing's answer
 * step, the status and {@link nl.hvht.ketenpoort.delivery.DeliveryLedger#threadOf} show the thread.
 *
 * <p>And the mailbox (postbus) of partners that collect their copies ({@code bezorging: ophalen}):
 * {@code Postbus} and {@code PostbusController} on {@code /api/v1/postbus}. Its copies are the ledger's unsettled
 * deliveries to such a partner, which no delivery worker claims; a fetch checks consent as a push claim does, an
 * acknowledgement verifies a receipt as a push answer's and settles DELIVERED ({@code bezorging.opgehaald_op}, Flyway
 * {@code V20__postbus.sql}).
 *
 * <p>And the gateway's own Retourberichten ({@code Retourberichten}, {@code RetourberichtXml}; Flyway
 * {@code V22__retourbericht.sql}: {@code bericht.retour_open}, {@code bericht.retour_voor}): one per message of a partner
 * that wants them, made from the ledger exactly once when every recipient has settled, and delivered like any message.
 *
 * <p>Tables (README, "Tables and their owners"): owns {@code bericht}, {@code bezorging} and {@code ontvangstbewijs};
 * all their SQL is here. Others read them through read models owned here: the admin side through
 * {@link nl.hvht.ketenpoort.delivery.LedgerFigures} (dashboard) and {@link nl.hvht.ketenpoort.delivery.BerichtBrowser}
 * (message browser), consent through its {@code DeliveryHistory} interface, answered by {@code LedgerHistory};
 * alerts through {@link nl.hvht.ketenpoort.delivery.DeliveryBacklog}. Status words come from
 * {@link nl.hvht.ketenpoort.bericht.DeliveryStatus}, bound as parameters.
 * <p>Data access: {@code JdbcClient} with named parameters, columns read by name; batches on
 * {@code NamedParameterJdbcTemplate.batchUpdate} with named parameters; transactions with {@code TransactionTemplate}.
 */
package nl.hvht.ketenpoort.delivery;
