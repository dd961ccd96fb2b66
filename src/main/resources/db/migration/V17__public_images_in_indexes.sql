-- Public images: the count of a region's public images read every public image's row to find its
-- account (PostgreSQL at SCALE 1: 905 pages, 39 ms), and the Organization filter probed each
-- organization's images by name for a public one (6,325 pages, 8-34 ms). With the account at the end
-- of the public list's index (its order is unchanged) and an index of each organization's images by
-- visibility, both read indexes only (PostgreSQL: 128 pages and 7.7 ms; 761 pages and 1.4 ms).
drop index image_public;
create index image_public on image (visibility desc, updated_at desc, id desc, account_id);
create index image_by_organization_visibility on image (organization_id, visibility);
