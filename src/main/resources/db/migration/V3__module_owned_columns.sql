-- Each module reads its own tables: what a list needs from another module is kept beside it.
-- Runs on H2 and PostgreSQL alike.

-- image_grant: the organization of the image, so that "sees the organization" needs no image join.
alter table image_grant add column organization_id bigint;
update image_grant set organization_id = (select i.organization_id from image i where i.id = image_grant.image_id);
alter table image_grant alter column organization_id set not null;
create index image_grant_user on image_grant (user_id, organization_id);

-- audit_event: the organization of the image or grant, for the permission filter of Activity.
alter table audit_event add column organization_id bigint;
update audit_event set organization_id = (select i.organization_id from image i where i.id = audit_event.image_id)
 where image_id is not null;
update audit_event set organization_id = (select o.id from organization o where o.name = audit_event.image_name)
 where image_id is null and action like 'PERMISSION_%';

-- pull_event: who owns the pulled image, its path and the puller's account name, as at the pull.
alter table pull_event add column organization_id bigint;
alter table pull_event add column owner_account_id bigint;
alter table pull_event add column image_name varchar(200);
alter table pull_event add column puller_account varchar(64);
update pull_event set organization_id = (select i.organization_id from image i where i.id = pull_event.image_id),
                      image_name = (select o.name || '/' || i.name from image i join organization o on o.id = i.organization_id
                                    where i.id = pull_event.image_id),
                      owner_account_id = (select o.account_id from image i join organization o on o.id = i.organization_id
                                          where i.id = pull_event.image_id),
                      puller_account = (select a.name from account a where a.id = pull_event.puller_account_id);
alter table pull_event alter column organization_id set not null;
alter table pull_event alter column owner_account_id set not null;
alter table pull_event alter column image_name set not null;
alter table pull_event alter column puller_account set not null;
create index pull_event_owner on pull_event (owner_account_id, pulled_at);

-- image: how many accounts it is shared with, kept by the sharing module in the share's transaction.
alter table image add column share_count integer default 0 not null;
update image set share_count = (select count(*) from image_share s where s.image_id = image.id);
