-- Each list reads its page from one index in order, instead of sorting every matching row: the
-- ORDER BY is the index's columns (the columns the condition holds to one value, the sort
-- columns, then id) in one direction (ImageFilter.orderBy, Activity). H2 only prefers such an
-- index to the others when its directions are the order's exactly, so each index now runs in its
-- sort's first direction (name ascending, the rest newest or largest first) and ends with id;
-- the other direction reads it backwards (PostgreSQL does either way).
-- (V5 to V8 belong to other changes.) Runs on H2 and PostgreSQL alike.

drop index image_by_update;
drop index image_by_name;
drop index image_by_size;
drop index image_by_tags;
drop index image_public;
create index image_by_update on image (account_id desc, visibility desc, updated_at desc, id desc);
create index image_by_name on image (account_id, visibility, organization_name, name, id);
create index image_by_size on image (account_id desc, visibility desc, total_size desc, id desc);
create index image_by_tags on image (account_id desc, visibility desc, tag_count desc, id desc);
create index image_public on image (visibility desc, updated_at desc, id desc);

drop index share_by_update;
drop index share_by_name;
drop index share_by_size;
drop index share_by_tags;
drop index share_by_owner;
create index share_by_update on image_share (grantee_account_id desc, image_updated_at desc, id desc);
create index share_by_name on image_share (grantee_account_id, image_organization, image_name, id);
create index share_by_size on image_share (grantee_account_id desc, image_size desc, id desc);
create index share_by_tags on image_share (grantee_account_id desc, image_tag_count desc, id desc);
create index share_by_owner on image_share (grantee_account_id desc, owner_account desc, image_organization desc,
                                            image_name desc, id desc);

-- Activity and an image's history: newest first.
drop index audit_event_page;
drop index pull_event_page;
drop index pull_event_of_image;
create index audit_event_page on audit_event (account_id desc, occurred_at desc, id desc);
create index pull_event_page on pull_event (owner_account_id desc, pulled_at desc, id desc);
create index pull_event_of_image on pull_event (image_id desc, pulled_at desc, id desc);
