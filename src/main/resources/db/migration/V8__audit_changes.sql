-- What a change of a share changed, field by field (old → new), for Activity's "Share changed" rows.
-- (V5 to V7 belong to other changes.) Runs on H2 and PostgreSQL alike.
create table audit_change (
    event_id   bigint        not null references audit_event (id) on delete cascade,
    position   integer       not null,
    field      varchar(64)   not null,
    old_value  varchar(2000),
    new_value  varchar(2000),
    primary key (event_id, position)
);

-- Activity's filters by image and by the other account.
create index audit_event_by_image_name on audit_event (account_id, image_name, occurred_at);
