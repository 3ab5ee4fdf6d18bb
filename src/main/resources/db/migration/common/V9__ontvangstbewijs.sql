-- Signed receipts (ontvangstbewijzen): a partner's CMS-signed ontvangstbevestiging over the berichtId and the
-- SHA-256 of the exact bytes it received, verified and kept as proof of delivery (one per delivery; the first
-- valid one counts). Only verified receipts are stored; a refused one leaves an audit record (RECEIPT_REJECTED).
-- Retention keeps these rows (they hold no message content).
create table ontvangstbewijs (
    bericht_id              uuid                     not null,
    ontvanger               varchar(64)              not null,
    cms                     bytea                    not null,
    digest_sha256           varchar(64)              not null,
    ondertekenaar_onderwerp varchar(1000)            not null,
    ondertekenaar_uitgever  varchar(1000)            not null,
    ondertekenaar_serienummer varchar(100)           not null,
    ondertekenaar_oin       varchar(20)              not null,
    ontvangstmoment         timestamp with time zone not null,
    ontvangen_op            timestamp with time zone not null,
    geverifieerd_op         timestamp with time zone not null,
    primary key (bericht_id, ontvanger),
    foreign key (bericht_id, ontvanger) references bezorging (bericht_id, ontvanger)
);
