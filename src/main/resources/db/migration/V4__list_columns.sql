-- Lists sort and page on indexed columns of one table: what a list row shows of another table is
-- kept beside it, updated in the transaction that changes its source (Image saves tag_count and
-- total_size with its tags; a share copies its image's organization and name, owner, update time,
-- size and tag count, refreshed when the image is saved; a pull updates its share's pull figures).
-- Organization names never change, so the copies of them never need refreshing.
-- Runs on H2 and PostgreSQL alike.

alter table image add column account_id bigint;
alter table image add column organization_name varchar(64);
alter table image add column tag_count integer default 0 not null;
alter table image add column total_size bigint default 0 not null;
update image set account_id = (select o.account_id from organization o where o.id = image.organization_id),
                 organization_name = (select o.name from organization o where o.id = image.organization_id),
                 tag_count = (select count(*) from tag t where t.image_id = image.id),
                 total_size = (select coalesce(sum(t.size), 0) from tag t where t.image_id = image.id);
alter table image alter column account_id set not null;
alter table image alter column organization_name set not null;
create index image_by_update on image (account_id, visibility, updated_at, id);
create index image_by_name on image (account_id, visibility, organization_name, name);
create index image_by_size on image (account_id, visibility, total_size, id);
create index image_by_tags on image (account_id, visibility, tag_count, id);
create index image_public on image (visibility, updated_at, id);

alter table image_share add column image_organization varchar(64);
alter table image_share add column image_name varchar(128);
alter table image_share add column owner_account varchar(64);
alter table image_share add column image_updated_at timestamp with time zone;
alter table image_share add column image_size bigint default 0 not null;
alter table image_share add column image_tag_count integer default 0 not null;
alter table image_share add column pull_count bigint default 0 not null;
alter table image_share add column last_pull_at timestamp with time zone;
alter table image_share add column last_pull_user varchar(64);
alter table image_share add column last_pull_tag varchar(128);
alter table image_share add column last_pull_digest varchar(80);
update image_share set image_organization = (select i.organization_name from image i where i.id = image_share.image_id),
                       image_name = (select i.name from image i where i.id = image_share.image_id),
                       owner_account = (select a.name from image i join account a on a.id = i.account_id
                                        where i.id = image_share.image_id),
                       image_updated_at = (select i.updated_at from image i where i.id = image_share.image_id),
                       image_size = (select i.total_size from image i where i.id = image_share.image_id),
                       image_tag_count = (select i.tag_count from image i where i.id = image_share.image_id),
                       pull_count = (select count(*) from pull_event p where p.image_id = image_share.image_id
                                     and p.puller_account_id = image_share.grantee_account_id);
update image_share set last_pull_at = (select max(p.pulled_at) from pull_event p where p.image_id = image_share.image_id
                                       and p.puller_account_id = image_share.grantee_account_id)
 where pull_count > 0;
update image_share set last_pull_user = (select max(p.username) from pull_event p where p.image_id = image_share.image_id
                                         and p.puller_account_id = image_share.grantee_account_id
                                         and p.pulled_at = image_share.last_pull_at),
                       last_pull_tag = (select max(p.tag) from pull_event p where p.image_id = image_share.image_id
                                        and p.puller_account_id = image_share.grantee_account_id
                                        and p.pulled_at = image_share.last_pull_at),
                       last_pull_digest = (select max(p.digest) from pull_event p where p.image_id = image_share.image_id
                                           and p.puller_account_id = image_share.grantee_account_id
                                           and p.pulled_at = image_share.last_pull_at)
 where pull_count > 0;
alter table image_share alter column image_organization set not null;
alter table image_share alter column image_name set not null;
alter table image_share alter column owner_account set not null;
alter table image_share alter column image_updated_at set not null;
create index share_by_update on image_share (grantee_account_id, image_updated_at, id);
create index share_by_name on image_share (grantee_account_id, image_organization, image_name);
create index share_by_size on image_share (grantee_account_id, image_size, id);
create index share_by_tags on image_share (grantee_account_id, image_tag_count, id);
create index share_by_valid_until on image_share (grantee_account_id, valid_until, id);
create index share_by_owner on image_share (grantee_account_id, owner_account, image_organization, image_name);

-- Activity pages through an account's audit and pull events newest first.
create index audit_event_page on audit_event (account_id, occurred_at, id);
create index pull_event_page on pull_event (owner_account_id, pulled_at, id);
create index pull_event_of_image on pull_event (image_id, pulled_at, id);
