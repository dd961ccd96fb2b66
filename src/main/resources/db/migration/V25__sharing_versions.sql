-- What an image's Sharing tab shows (its shares, their pulls, their grantees' standing, its history)
-- has a version, drawn anew at random in the transaction of each change by the sharing module: the
-- console keeps the tab's page of shares and its history by it, and reads only this row while
-- nothing changes. A random version never comes back, not even when the row goes and comes back. An
-- image without a row (never shared) has its tab read from its rows each time. Runs on H2 and
-- PostgreSQL alike; the versions of the images shared before it are their ids, as good as any.
create table sharing_version (
    image_id bigint not null primary key references image (id) on delete cascade,
    version  bigint not null
);
insert into sharing_version (image_id, version) select distinct image_id, image_id from image_share;
