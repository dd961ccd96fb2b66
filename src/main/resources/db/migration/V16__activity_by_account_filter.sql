-- Activity filtered by an account (the account a share was with, or that pulled) read every event or
-- pull of the account to find that account's: 50,001 rows and 182 ms on H2 at SCALE 1 (43 ms on
-- PostgreSQL). These indexes hold the other account after the account, in Activity's order.
create index audit_event_by_grantee on audit_event (account_id desc, grantee_account desc, occurred_at desc, id desc);
create index pull_event_by_puller on pull_event (owner_account_id desc, puller_account desc, pulled_at desc, id desc);
-- V1's and V3's first indexes on the account and the time are covered by V9's audit_event_page and
-- pull_event_page (the same columns first, and the id): one index less to write with every event.
drop index audit_event_account;
drop index pull_event_owner;
