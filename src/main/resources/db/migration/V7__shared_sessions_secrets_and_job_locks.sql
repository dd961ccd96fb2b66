-- Several console nodes on one database (issue 12). Plain SQL that runs on H2 (2.x) and PostgreSQL
-- (15+) alike; unquoted names, like every other table.

-- Spring Session JDBC: the sessions of every node (the schema Spring Session ships for PostgreSQL;
-- H2 reads bytea as binary varying).
create table spring_session (
    primary_id             char(36)     not null,
    session_id             char(36)     not null,
    creation_time          bigint       not null,
    last_access_time       bigint       not null,
    max_inactive_interval  int          not null,
    expiry_time            bigint       not null,
    principal_name         varchar(100),
    constraint spring_session_pk primary key (primary_id)
);

create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36)     not null,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

-- ShedLock: a scheduled job (the registry reconciliation) runs on one node per round.
create table shedlock (
    name        varchar(64)  not null,
    lock_until  timestamp    not null,
    locked_at   timestamp    not null,
    locked_by   varchar(255) not null,
    constraint shedlock_pk primary key (name)
);

-- What every node must share: the token signing key and certificate, the notification secret.
create table shared_secret (
    name        varchar(64)   primary key,
    secret      varchar(8000) not null,
    created_at  timestamp with time zone not null
);

-- The row a node locks (select ... for update) while it creates what exists once per installation:
-- the shared secrets, the demo data, the demo images. A second node waits, then finds them made.
insert into installation (name, fact) values ('installation-lock', 'locked while one-time data is created');
