-- Several gateway nodes on one database (package cluster owns both tables).
-- shedlock: ShedLock's lock table (net.javacrumbs.shedlock, JDBC provider, its own column names): one row per periodic
-- job (retentie, alert-evaluatie); a node runs the job only while its row is locked by it (lock_until in the future,
-- database time).
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);

-- knooppunt: the live gateway nodes. Each node (ketenpoort.cluster.node-id) writes gezien_op every heartbeat in shared
-- mode and deletes its row when it stops; a node is live while gezien_op is younger than node-timeout. Per-node
-- shares of the partner limits are the limit divided by the live count. instantie is a random id per process, so
-- two live processes with the same node id are noticed.
create table knooppunt (
    node_id    varchar(100) not null primary key,
    instantie  varchar(36)  not null,
    gestart_op timestamp with time zone not null,
    gezien_op  timestamp with time zone not null
);
