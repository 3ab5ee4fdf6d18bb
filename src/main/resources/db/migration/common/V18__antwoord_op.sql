-- Answers follow the question (routing.AnswerStep): a message of an answer type (ketenpoort.routing.antwoorden.typen)
-- is stored with the berichtId of the message it answers, once the answer step checked that this message exists, is
-- of a type it answers, and was DELIVERED to the answering partner. Null for every other message (a correlatieId that
-- was not checked is never stored here). The sender's status and the console show the thread from this column.
alter table bericht add column antwoord_op uuid references bericht (bericht_id);

create index bericht_antwoord_op_ix on bericht (antwoord_op) where antwoord_op is not null;
