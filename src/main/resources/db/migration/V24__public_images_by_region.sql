-- Public Images: the list and its count kept the rows of the user's region by looking up each
-- public image's account (PostgreSQL at SCALE 1: 651 lookups, 1,953 pages and 4.2 ms for the
-- count of the first page, the most expensive statement of any list). An account never changes
-- region, so each image keeps its account's region beside the account, as it keeps the
-- organization's name, and the public list's index begins with it: the count reads the index
-- alone (0.6 ms).
alter table image add column region varchar(32);
update image set region = (select a.region from account a where a.id = image.account_id);
alter table image alter column region set not null;
drop index image_public;
create index image_public on image (visibility desc, region desc, updated_at desc, id desc);
