-- The mailbox (postbus) of partners that collect their copies (registry bezorging: ophalen) instead of having them
-- POSTed. Such a copy is an ordinary unsettled delivery (QUEUED, the signed copy in ondertekend, available since
-- volgende_poging) that no delivery worker claims; the partner lists, fetches and acknowledges it on the partner API.
--   opgehaald_op  when the copy was last handed to the partner by a fetch (its bytes written to the connection) after
--                 the consent re-check allowed it; null: never fetched. An acknowledgement needs it; a fetch may be
--                 repeated. A fetch counts as an attempt (pogingen) and is under way (poging_sinds) until its bytes are
--                 written, so a revocation waits for it as for a POST.
alter table bezorging add column opgehaald_op timestamp with time zone;
