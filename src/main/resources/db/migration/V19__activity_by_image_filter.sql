-- Activity filtered by an image read every pull of the account to find that image's (PostgreSQL at
-- SCALE 1: a bitmap of the account's 60,000 pulls, 18-20 ms for acme-apps/nginx; H2 stopped early only
-- for an image pulled often). The account's pulls by image, in Activity's order, are read in that
-- order, 20 rows for a page; the events' index of V8 turns to the same order and takes the id.
-- (About 20 s on H2 for 1,000,000 pulls and 500,000 events, 2 s on PostgreSQL: indexes, no update.)
create index pull_event_by_image_name on pull_event (owner_account_id desc, image_name desc, pulled_at desc, id desc);
drop index audit_event_by_image_name;
create index audit_event_by_image_name on audit_event (account_id desc, image_name desc, occurred_at desc, id desc);
