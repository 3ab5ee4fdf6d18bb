-- Dead letters (delivery.DeadLetters): a FAILED delivery can be retried by an administrator a limited number of times
-- (herkansingen counts them; ketenpoort.delivery.max-handmatige-herkansingen is the limit), or discarded with a reason.
-- A discarded delivery stays FAILED. The reason text may hold personal data: it is stored here only, never in the
-- audit log or a log line (those get afvoer_code, a fixed code).
alter table bezorging add column herkansingen integer not null default 0;
alter table bezorging add column afgevoerd_op timestamp with time zone;
alter table bezorging add column afgevoerd_door varchar(64);
alter table bezorging add column afvoer_code varchar(32);
alter table bezorging add column afvoer_reden varchar(1000);
