-- Second factor of the admin console (package admin): per administrator his TOTP secret (RFC 6238), encrypted with
-- ketenpoort.admin.inloggen.totp-sleutel (Spring Security's AES-GCM text encryptor, hex), and the last time step a
-- code was accepted for, so a code cannot be used twice. Null secret: the administrator cannot log in.
alter table beheerder add column totp_geheim varchar(400);
alter table beheerder add column totp_laatste_stap bigint;
