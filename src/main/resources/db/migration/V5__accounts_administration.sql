-- Onboarding (issue 10): accounts that can be disabled and deleted, users that can be disabled and
-- must change a password someone else set, the platform operator (a user of no account), and audit
-- events of no account (refused logins of unknown users, the operator's own). Runs on H2 and
-- PostgreSQL alike.

-- An account is enabled while disabled_at is null. A deleted account stays as a row (deleted_at
-- set, its users removed) because audit events and other accounts' pull records refer to it; its
-- name is not given to a new account.
alter table account add column disabled_at timestamp with time zone;
alter table account add column shares_suspended boolean default false not null;
alter table account add column deleted_at timestamp with time zone;
create index account_by_region on account (region, name);

-- The operator belongs to no account; every other user to exactly one.
alter table app_user alter column account_id drop not null;
alter table app_user add column operator boolean default false not null;
alter table app_user add column disabled_at timestamp with time zone;
alter table app_user add column password_change_required boolean default false not null;
alter table app_user add column password_changed_at timestamp with time zone;
alter table app_user add constraint app_user_account_or_operator
    check ((operator and account_id is null) or (not operator and account_id is not null));
create index app_user_account on app_user (account_id, username);

-- The administration's figures per account.
create index organization_account on organization (account_id);

-- Refused logins of unknown users and the operator's own events belong to no account; the
-- operator's Activity reads every account's events newest first.
alter table audit_event alter column account_id drop not null;
create index audit_event_time on audit_event (occurred_at, id);
create index pull_event_time on pull_event (pulled_at, id);
