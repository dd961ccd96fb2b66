-- A token's name (up to 64 characters) counts characters as a person does, emoji included
-- (TokenRules), as an image's Category does (V14). H2 measures VARCHAR in UTF-16 units, in which an
-- emoji is two, so the column leaves room for that many code points of any kind. Runs on H2 and
-- PostgreSQL.
alter table access_token alter column name set data type varchar(256);
