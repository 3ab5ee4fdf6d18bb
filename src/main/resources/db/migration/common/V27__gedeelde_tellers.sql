-- Counters that were in memory per node, shared by all nodes in cluster mode shared (ketenpoort.cluster.mode).

-- inlog_poging (package admin, LoginThrottle): failed console logins per user name and client address
-- (soort NAAM_EN_ADRES) and per address (soort ADRES, naam ''), with the lock they started. The same fields as
-- the in-memory throttle: aantal failures since sinds, the last at laatste; geblokkeerd_tot the end of the lock (null:
-- none in this run of failures); vrijgave_gemeld once the end of that lock was audit-logged (by one node).
create table inlog_poging (
    soort           varchar(20)  not null,
    naam            varchar(100) not null,
    adres           varchar(100) not null,
    aantal          integer      not null,
    sinds           timestamp with time zone not null,
    laatste         timestamp with time zone not null,
    geblokkeerd_tot timestamp with time zone,
    vrijgave_gemeld boolean      not null,
    primary key (soort, naam, adres)
);

-- storing_reeks (package alert, ConsecutiveFailures): failed delivery attempts in a row per partner, all nodes
-- together, and the last failure word; a success anywhere removes the row. Written by each node in one transaction
-- per flush (at every alert evaluation), never on the delivery path itself.
create table storing_reeks (
    ontvanger        varchar(100) not null primary key,
    aantal           integer      not null,
    laatste_uitkomst varchar(100) not null,
    bijgewerkt_op    timestamp with time zone not null
);
