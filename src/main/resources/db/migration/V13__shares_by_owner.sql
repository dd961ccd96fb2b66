-- The API's "shared by me" lists the shares of an account's images newest first. Read from this
-- index it stops after the page, instead of joining and sorting every share of the account (51,334
-- for acme at issue 9's size: 1.7 s on H2, 675 ms on PostgreSQL). A share keeps its owner's account
-- name beside it (V4); account names never change. Like the other list indexes (V9), its columns
-- are in the sort's direction and the query orders by the fixed column too, so that H2 reads the
-- page from the index.
create index share_of_owner_by_created on image_share (owner_account desc, created_at desc, id desc);
