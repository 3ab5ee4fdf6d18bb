-- The ledger is the delivery queue (delivery.DeliveryWorker): the broker no longer holds delivery jobs, it only wakes
-- the workers. Per delivery:
--   volgende_poging  when the next attempt is due (set at intake, after a failed attempt by the backoff, and by a
--                    manual retry or a break-glass release); only unsettled rows (ACCEPTED, QUEUED) are due;
--   geclaimd_tot     the lease of an attempt under way (set with the attempt count in one conditional update, cleared
--                    with its outcome): a lease that ran out without an outcome is an attempt whose outcome a crash
--                    lost, retried with the same Idempotency-Key;
--   geclaimd_door    the gateway node that holds the lease (a restarted node releases its own at once);
--   ronde_start      pogingen when the current round began (intake, or a manual retry of a dead letter): the attempt
--                    limit counts attempts of the round, while pogingen keeps counting every attempt.
alter table bezorging add column volgende_poging timestamp with time zone;
alter table bezorging add column geclaimd_tot timestamp with time zone;
alter table bezorging add column geclaimd_door varchar(100);
alter table bezorging add column ronde_start integer not null default 0;

-- Whatever an older version left unsettled is due now (ACCEPTED rows it never queued, QUEUED rows whose broker copy is
-- no longer read).
update bezorging set volgende_poging = bijgewerkt_op where status in ('ACCEPTED', 'QUEUED');

-- The claim query: due rows of one recipient, oldest due first.
create index bezorging_te_bezorgen_ix on bezorging (ontvanger, volgende_poging) where status in ('ACCEPTED', 'QUEUED');
-- The dashboard and retention read messages by time.
create index bericht_ontvangen_op_ix on bericht (ontvangen_op);

-- The ledger status is the one record of a completed delivery: Camel's idempotent repository beside it is gone.
drop table camel_messageprocessed;
