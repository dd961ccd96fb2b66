-- A token's name (up to 64 characters) counts characters as a person does, emoji included
-- (TokenRules), as an image's Category does (V14). H2 measures VARCHAR in UTF-16 units, in which an
-- emoji is two, so the columns that hold it leave room for that many code points of any kind: the
-- token's own, and the pull records' and the share's last pull, which name the token that pulled.
-- Runs on H2 and PostgreSQL.
alter table access_token alter column name set data type varchar(256);
alter table pull_event alter column token_name set data type varchar(256);
alter table image_share alter column last_pull_token set data type varchar(256);
