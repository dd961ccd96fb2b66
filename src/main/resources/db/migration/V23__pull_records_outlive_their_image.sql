-- A pull event stays when its image is deleted: it is the owner's record of who pulled the image
-- while it was shared, and it already holds what the Activity shows of the image (V3's organization,
-- owner and path), as an audit event does. Its image_id then names a deleted image, as an audit
-- event's may (image ids are never given again). V1 declared the foreign key without a name, so
-- each database named it: H2 (2.x, from the table name's hash) CONSTRAINT_C2, PostgreSQL
-- pull_event_image_id_fkey. Each statement is a no-op on the other database.
alter table pull_event drop constraint if exists CONSTRAINT_C2;
alter table pull_event drop constraint if exists pull_event_image_id_fkey;
