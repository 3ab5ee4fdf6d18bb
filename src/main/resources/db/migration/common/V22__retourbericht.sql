-- Return messages (delivery.Retourberichten). A message accepted from a partner whose registry entry wants return
-- messages (retourberichten: true) is stored with retour_open = true; every other message has null, so partners that
-- do not want them cost nothing. Once none of its deliveries is unsettled any more, one sweep transaction creates the
-- gateway's Retourbericht for it (a message of its own, afzender 'ketenpoort', with one delivery to the original sender),
-- stores it with retour_voor = the original berichtId, and sets retour_open to null. The unique index makes that
-- exactly once: a second creation (another node, a repeat after a crash) fails and rolls back.
alter table bericht add column retour_open boolean;
alter table bericht add column retour_voor uuid references bericht (bericht_id);

create unique index bericht_retour_voor_ux on bericht (retour_voor) where retour_voor is not null;
-- The sweep's query: the open ones, oldest first.
create index bericht_retour_open_ix on bericht (ontvangen_op) where retour_open;
