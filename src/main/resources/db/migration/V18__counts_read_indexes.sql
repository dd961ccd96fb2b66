-- Images From Others leaves out the shares of accounts that give none now (shares suspended, or the
-- account deleted): normally none, but finding that read every account's row on every page
-- (PostgreSQL at SCALE 1: 0.55 ms of each page's 1.5 ms in the database). Each of the two states has
-- an index now, and the query reads the two ranges of them (AccountStanding.notGivingShares).
create index account_shares_suspended on account (shares_suspended);
create index account_deleted on account (deleted_at);

-- "My shared images" read each private image of the account to test its share count (PostgreSQL at
-- SCALE 1: 1,531 pages and 1.3 ms to count the first 1,011). With the share count at the end of the
-- index of the default order, both the page and its count read that index only (16 pages, 0.7 ms).
-- (An index of its own for the share count made PostgreSQL's generic plan sort all 3,000 shared
-- images for each page.)
drop index image_by_update;
create index image_by_update on image (account_id desc, visibility desc, updated_at desc, id desc, share_count);
