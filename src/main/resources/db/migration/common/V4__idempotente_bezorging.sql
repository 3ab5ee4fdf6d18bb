-- Camel's JdbcMessageIdRepository: one row per (processor, berichtId:ontvanger) delivered, so a broker
-- redelivery after a crash between the partner's acknowledgement and the queue commit is not sent again.
create table camel_messageprocessed (
    processorname varchar(255) not null,
    messageid     varchar(100) not null,
    createdat     timestamp    not null,
    primary key (processorname, messageid)
);
