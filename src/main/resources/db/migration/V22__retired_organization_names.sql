-- The names of deleted organizations. A name is never given to another organization: the
-- registry may still hold what was pushed under it (its storage keeps manifests pushed with a
-- token issued before the deletion, and layers until garbage collection), and a new owner of the
-- name would be handed pull access to them. Runs on H2 and PostgreSQL alike.
create table retired_organization_name (
    name        varchar(64)   primary key,
    account_id  bigint        not null,
    retired_at  timestamp with time zone not null
);
