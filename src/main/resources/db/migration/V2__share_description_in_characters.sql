-- A share's Description holds up to 1,000 characters of any script, emoji included. H2 measures
-- VARCHAR in UTF-16 units (an emoji is two), so the column leaves room for 1,000 code points of
-- any kind; the 1,000-character rule itself is enforced by ShareService. Runs on H2 and PostgreSQL.
alter table image_share alter column description set data type varchar(4000);
