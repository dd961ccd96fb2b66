-- Public Images kept the user's region by looking up the account of each public image (PostgreSQL
-- at SCALE 1: 651 lookups, 1,953 pages and 4.2 ms for the count of the first page, the most
-- expensive statement of any list) and of each organization for the Organization filter, which for
-- a small region read every organization in name order until it found 101 of that region (5,064 of
-- them: 14.6 ms). An account never changes region, so its organizations and their images keep it
-- beside the account, as an image keeps its organization's name. The public list's index begins
-- with it (its count reads that index alone: 0.5 ms), and the filter reads the region's
-- organizations in name order. The upgrade rewrites every image row once: at SCALE 1 (100,000
-- images) 7 s on PostgreSQL and 40-75 s on H2, whose data file grows by 0.8 GB.
alter table organization add column region varchar(32);
update organization set region = (select a.region from account a where a.id = organization.account_id);
alter table organization alter column region set not null;
create index organization_by_region on organization (region, name);
alter table image add column region varchar(32);
update image set region = (select o.region from organization o where o.id = image.organization_id);
alter table image alter column region set not null;
drop index image_public;
create index image_public on image (visibility desc, region desc, updated_at desc, id desc);
