-- An image's Description (up to 1,000 characters) and Category (up to 64) count characters as a
-- person does, emoji included (MaxCharacters). H2 measures VARCHAR in UTF-16 units, in which an
-- emoji is two, so the columns leave room for that many code points of any kind, as V2 did for a
-- share's Description. Runs on H2 and PostgreSQL.
alter table image alter column description set data type varchar(4000);
alter table image alter column category set data type varchar(256);
