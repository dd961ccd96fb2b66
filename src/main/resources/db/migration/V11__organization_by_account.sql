-- My Images lists the organizations of the user's account (its filter): PostgreSQL has no index
-- on a foreign key unless one is made (H2 makes one), so it read every organization for it.
-- Runs on H2 and PostgreSQL alike.
create index organization_by_account on organization (account_id, name);
