-- An image's size counts each manifest once: two tags that point at the same digest (latest and
-- 1.25) are one image pushed under two names, not twice the storage (Image keeps it so from now
-- on). Only the images that have such tags change, and the shares' copies of their size with them.
-- Runs on H2 and PostgreSQL.
update image set total_size = (
    select coalesce(sum(t.size), 0) from tag t
    where t.image_id = image.id
      and not exists (select 1 from tag u where u.image_id = t.image_id and u.digest = t.digest and u.name < t.name))
where id in (select t.image_id from tag t join tag u on u.image_id = t.image_id and u.digest = t.digest and u.name < t.name);

update image_share set image_size = (select i.total_size from image i where i.id = image_share.image_id)
where image_id in (select t.image_id from tag t join tag u on u.image_id = t.image_id and u.digest = t.digest and u.name < t.name);
