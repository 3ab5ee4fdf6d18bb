-- Administrators of the admin side (package admin): user name, password hash (Spring Security's delegating
-- encoder, "{bcrypt}..."), comma-separated roles (BEHEERDER, PRIVACY, KIJKER) and whether the account is active.
create table beheerder (
    gebruikersnaam  varchar(64)              not null primary key,
    wachtwoord_hash varchar(200)             not null,
    rollen          varchar(100)             not null,
    actief          boolean                  not null,
    aangemaakt_op   timestamp with time zone
);
