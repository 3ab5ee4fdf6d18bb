-- How PostgreSQL compresses the message as received (bericht.inhoud) and its signed copies (bezorging.ondertekend), a
-- few kilobytes each, written before every 202 and read by every delivery claim. The default, pglz, costs about
-- 55 microseconds of database CPU per 6.6 KB copy on the benchmark machine; lz4 gives the same size for about 20
-- (README, "Where the CPU goes"). A server built with lz4 (PostgreSQL 14 and later as the usual packages and the
-- official images ship it) uses lz4 for the values written from now on; what is stored stays readable as it is. A
-- server without it (the embedded PostgreSQL of the default run) keeps pglz: storing them uncompressed instead saved
-- the CPU but wrote 40 % more WAL per message, and on the benchmark machine's disk that stalled intake commits for
-- seconds.
do $$
begin
    if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        alter table bericht alter column inhoud set compression lz4;
        alter table bezorging alter column ondertekend set compression lz4;
    end if;
end
$$;
