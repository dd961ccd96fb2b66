#!/usr/bin/env bash
# Seeds a Berth database to the size of issue 9, in set-based SQL (a few dozen statements, no loops):
#
#   bench/seed.sh [--check] DATA_DIR [SCALE]               the H2 database of DATA_DIR (db/berth.mv.db)
#   bench/seed.sh [--check] --postgres JDBC_URL [SCALE]    a PostgreSQL database: jdbc:postgresql://…
#                                                          or a psql connection string (user from ?user=…
#                                                          or PGUSER)
#   --check: afterwards, count every derived figure that disagrees with its rows, and on H2 every row
#            a foreign key would refuse (all must be 0)
#   SEED_VERBOSE=1: print each statement's time
#
# The console must have started once on that database (schema and demo data present) and must be
# stopped while seeding H2 (one process per file). At SCALE 1 (0.1 = a tenth of each figure):
#
#   10,000 accounts (2 % in ap-southeast-1, the rest in eu-west-1), one administrator user each
#   20,000 organizations (10 more of acme: acme-team-01…10)
#   100,000 images × 3 tags (10 % public); acme owns 5,000 of them
#   1,000,000 shares of private images: globex (carol) receives 20,000, acme-apps/nginx has 500
#     (globex's among them), the rest ~17 per shared image; only within eu-west-1, never to the
#     owner's account, at most 500 per image, one per (image, account)
#   1,000,000 pull events, on every other share (~2 each) and 10,000 on acme-apps/nginx (20 per share)
#   500,000 audit events, 50,000 of them acme's: shares created/changed/revoked (each also on the
#     grantee account's side, SHARE_RECEIVED*, each change with its field in audit_change) and refused
#
# Every figure the console keeps beside its rows is computed from the rows, with the definitions of
# the V3/V4 migrations: image.account_id/organization_name/tag_count/total_size/share_count, the
# share's copies of its image (organization and name, owner, update time, size, tag count) and its
# pull figures (count, last pull at/user/tag/digest), audit_event.organization_id, pull_event's
# organization, owner, image path and puller account, and each shared image's Sharing tab version
# (V25). Rows are built in plain staging tables first and written once each (new rows get
# explicit ids; the identity columns restart after them), then ANALYZE. If seeding H2 fails midway,
# start again from a fresh data folder (PostgreSQL seeds in one transaction).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,9p' "$0" >&2; exit 2; }
CHECK=
[ "${1:-}" = "--check" ] && { CHECK=1; shift; }
POSTGRES=
if [ "${1:-}" = "--postgres" ]; then
  [ $# -ge 2 ] || usage
  POSTGRES=${2#jdbc:}; shift 2
else
  [ $# -ge 1 ] || usage
  DATA=$1; shift
fi
SCALE=${1:-1}

n() { awk -v s="$SCALE" -v v="$1" 'BEGIN { x = int(v * s + 0.5); print (x < 1 ? 1 : x) }'; }
ACCOUNTS=$(n 10000); ORGS=$(n 20000); IMAGES=$(n 100000); ACME_IMAGES=$(n 5000)
SHARES=$(n 1000000); GLOBEX_SHARES=$(n 20000); NGINX_SHARES=$(n 500)
PULLS=$(n 1000000); NGINX_PULLS=$(n 10000); AUDIT=$(n 500000); ACME_AUDIT=$(n 50000)
[ "$NGINX_SHARES" -le 500 ] || { echo "at most 500 shares per image: SCALE ≤ 1" >&2; exit 2; }
[ "$ACCOUNTS" -ge 200 ] || { echo "SCALE too small (at least 0.02)" >&2; exit 2; }
ACME_ORGS=10
NA=$((ACCOUNTS - 4))                       # seeded accounts (the demo has 4)
NO=$((ORGS - 4 - ACME_ORGS))               # seeded organizations of other accounts
NAI=$((ACME_IMAGES - 4))                   # seeded images of acme (the demo gives it 4)
NOI=$((IMAGES - ACME_IMAGES - 2))          # seeded images of other accounts (the demo has 2 more)
NBULK=$((SHARES - NGINX_SHARES - GLOBEX_SHARES + 1))   # shares besides nginx's and globex's
NPULLED=$(((SHARES - NGINX_SHARES) / 2))   # shares with pulls besides nginx's (every other one)
# Audit: acme's events (one in ten a refusal) with the grantee's side of the others; the rest of
# AUDIT is other owners' events: AUDIT_PAIRED share changes with their grantee sides, then refusals.
ACME_PAIRED=$((ACME_AUDIT - (ACME_AUDIT + 1) / 10))
AUDIT_REST=$((AUDIT - ACME_AUDIT - ACME_PAIRED))
AUDIT_PAIRED=$((AUDIT_REST * 4 / 9))
AUDIT_OTHER=$((AUDIT_REST - AUDIT_PAIRED))
AUDIT_OWNER=$((ACME_AUDIT + AUDIT_OTHER))  # owner-side events; the grantee sides follow them in ids
TERMS_PERMANENT='Valid Until: Permanently valid; Permission: Pull; no description'

if [ -n "$POSTGRES" ]; then
  range() { echo "generate_series(1, $1) as ${2:-r}(x)"; }
  count_var() { echo "select count(*) as $1 from $2 \\gset"; }   # a psql variable: the table's row count
  v() { echo ":$1"; }
  run() {
    local verbose=(); [ -n "${SEED_VERBOSE:-}" ] && verbose=(-c '\timing on' --echo-queries)
    psql -X -q -v ON_ERROR_STOP=1 "${verbose[@]}" "$POSTGRES" -f "$1"
  }
  query() { psql -X -At -F ' ' -v ON_ERROR_STOP=1 "$POSTGRES" -c "$1"; }
  WHERE="PostgreSQL"
else
  [ -f "$DATA/db/berth.mv.db" ] || { echo "no H2 database in $DATA/db: start the console once on it" >&2; exit 1; }
  # The H2 of the console's jar when it is built (the file format must match), else the newest.
  H2_VERSION=$(unzip -l target/berth-*.jar 2>/dev/null | grep -o 'h2-[0-9.]*\.jar' | head -n 1 | sed 's/^h2-//; s/\.jar$//' || true)
  H2=$(find ~/.m2/repository/com/h2database/h2 -name "h2-${H2_VERSION:-*}.jar" | sort -V | tail -n 1)
  [ -n "$H2" ] || { echo "no h2 jar in ~/.m2 (build the console first: mvn -B -q package -DskipTests)" >&2; exit 1; }
  # A large page cache: each insert updates several indexes.
  URL="jdbc:h2:file:$(cd "$DATA" && pwd)/db/berth;CACHE_SIZE=1048576"
  range() { echo "system_range(1, $1) ${2:-r}"; }
  # A session variable, not a subquery: H2 runs a subquery again for every row an INSERT adds.
  count_var() { echo "set @$1 = (select count(*) from $2);"; }
  v() { echo "@$1"; }
  run() {   # SEED_VERBOSE=1: each statement's time
    if [ -n "${SEED_VERBOSE:-}" ]; then java -Xmx3g -cp "$H2" bench/SqlSteps.java "$URL" "$1"
    else java -Xmx3g -cp "$H2" org.h2.tools.RunScript -url "$URL" -user sa -script "$1"; fi
  }
  query() {   # one row per line, values separated by single spaces
    java -cp "$H2" bench/SqlSteps.java "$URL" --query "$1"
  }
  WHERE="H2 $DATA"
fi

demo=$(query "select count(*) from app_user where username in ('alice', 'bob', 'carol', 'dave', 'erin')")
[ "$demo" = "5" ] || { echo "no demo users found (is the console still running on it? has it started once with the demo profile?): $demo" >&2; exit 1; }
seeded=$(query "select count(*) from account where name = 'acct-00001'")
[ "$seeded" = "0" ] || { echo "this database is seeded already" >&2; exit 1; }
# The big tables are loaded without their foreign keys, unique constraints and plain indexes, which
# are added again afterwards with the same names and definitions, read from the catalog: building
# an index in one sorted pass and checking a foreign key in one join is several times faster than
# keeping them up to date and checked row by row (most of all on H2). Primary keys stay. They come
# back in the migrations' order (foreign keys, unique constraints, then indexes), so that H2 gives
# each foreign key the index it has on a migrated database and plans the same.
TABLES="'image', 'tag', 'image_share', 'pull_event', 'audit_event', 'audit_change'"
if [ -n "$POSTGRES" ]; then
  CREATE_INDEXES=$(query "select indexdef || ';' from pg_indexes where schemaname = current_schema()
    and tablename in ($TABLES) and indexname not in (select conname from pg_constraint) order by indexname")
  DROP_INDEXES=$(query "select 'drop index if exists ' || indexname || ';' from pg_indexes where schemaname = current_schema()
    and tablename in ($TABLES) and indexname not in (select conname from pg_constraint) order by indexname")
  ADD_CONSTRAINTS=$(query "select 'alter table ' || c.conrelid::regclass || ' add constraint ' || c.conname || ' '
    || pg_get_constraintdef(c.oid) || ';' from pg_constraint c where c.contype in ('u', 'f')
    and c.conrelid::regclass::text in ($TABLES) order by c.contype, c.conname")
  DROP_CONSTRAINTS=$(query "select 'alter table ' || c.conrelid::regclass || ' drop constraint ' || c.conname || ';'
    from pg_constraint c where c.contype in ('u', 'f') and c.conrelid::regclass::text in ($TABLES)
    order by c.contype, c.conname")
else
  TABLES=${TABLES^^}
  PLAIN="from information_schema.indexes i where i.table_schema = 'PUBLIC' and i.table_name in ($TABLES)
    and i.index_type_name = 'INDEX' and i.index_name not like 'CONSTRAINT%'"
  CREATE_INDEXES=$(query "select 'create index ' || i.index_name || ' on ' || i.table_name || ' ('
    || listagg(c.column_name || case when c.ordering_specification = 'DESC' then ' desc' else '' end, ', ')
       within group (order by c.ordinal_position) || ');'
    from information_schema.indexes i join information_schema.index_columns c on c.index_schema = i.index_schema
      and c.table_name = i.table_name and c.index_name = i.index_name
    where i.table_schema = 'PUBLIC' and i.table_name in ($TABLES) and i.index_type_name = 'INDEX'
      and i.index_name not like 'CONSTRAINT%'
    group by i.table_name, i.index_name order by i.index_name")
  DROP_INDEXES=$(query "select 'drop index if exists ' || i.index_name || ';' $PLAIN order by i.index_name")
  ADD_UNIQUES=$(query "select 'alter table ' || t.table_name || ' add constraint ' || t.constraint_name || ' unique ('
    || listagg(k.column_name, ', ') within group (order by k.ordinal_position) || ');'
    from information_schema.table_constraints t join information_schema.key_column_usage k
      on k.constraint_schema = t.constraint_schema and k.constraint_name = t.constraint_name
    where t.table_schema = 'PUBLIC' and t.table_name in ($TABLES) and t.constraint_type = 'UNIQUE'
    group by t.table_name, t.constraint_name order by t.constraint_name")
  # Each foreign key column (k) with the table (u) and column (uk) it references.
  FOREIGN_KEY_COLUMNS="from information_schema.table_constraints t
    join information_schema.referential_constraints r on r.constraint_schema = t.constraint_schema
      and r.constraint_name = t.constraint_name
    join information_schema.key_column_usage k on k.constraint_schema = t.constraint_schema
      and k.constraint_name = t.constraint_name
    join information_schema.table_constraints u on u.constraint_schema = r.unique_constraint_schema
      and u.constraint_name = r.unique_constraint_name
    join information_schema.key_column_usage uk on uk.constraint_schema = u.constraint_schema
      and uk.constraint_name = u.constraint_name and uk.ordinal_position = k.position_in_unique_constraint
    where t.table_schema = 'PUBLIC' and t.table_name in ($TABLES) and t.constraint_type = 'FOREIGN KEY'"
  ADD_FOREIGN_KEYS=$(query "select 'alter table ' || t.table_name || ' add constraint ' || t.constraint_name
    || ' foreign key (' || listagg(k.column_name, ', ') within group (order by k.ordinal_position) || ') references '
    || max(u.table_name) || ' (' || listagg(uk.column_name, ', ') within group (order by k.ordinal_position) || ')'
    || case max(r.delete_rule) when 'CASCADE' then ' on delete cascade' when 'SET NULL' then ' on delete set null'
       else '' end || ' nocheck;'
    $FOREIGN_KEY_COLUMNS
    group by t.table_name, t.constraint_name order by t.constraint_name")
  # H2 adds them back without reading every row again (NOCHECK: 33 s instead of 48 at SCALE 1);
  # --check counts the rows each would have refused instead (every foreign key here has one column).
  FOREIGN_KEY_CHECKS=$(query "select 'rows of ' || t.table_name || ' whose ' || max(k.column_name) || ' is not in '
    || max(u.table_name) || '|select count(*) from ' || t.table_name || ' c where c.' || max(k.column_name)
    || ' is not null and not exists (select 1 from ' || max(u.table_name) || ' p where p.' || max(uk.column_name)
    || ' = c.' || max(k.column_name) || ')'
    $FOREIGN_KEY_COLUMNS
    group by t.table_name, t.constraint_name having count(*) = 1 order by t.constraint_name")
  [ "$(grep -c . <<< "$FOREIGN_KEY_CHECKS")" = "$(grep -c . <<< "$ADD_FOREIGN_KEYS")" ] \
    || { echo "a foreign key of several columns has no --check here: add one before loading without checks" >&2; exit 1; }
  ADD_CONSTRAINTS=$(printf '%s\n%s' "$ADD_FOREIGN_KEYS" "$ADD_UNIQUES")
  DROP_CONSTRAINTS=$(query "select 'alter table ' || t.table_name || ' drop constraint ' || t.constraint_name || ';'
    from information_schema.table_constraints t where t.table_schema = 'PUBLIC' and t.table_name in ($TABLES)
      and t.constraint_type in ('UNIQUE', 'FOREIGN KEY')
    order by case t.constraint_type when 'FOREIGN KEY' then 0 else 1 end, t.constraint_name")
fi
[ -n "$CREATE_INDEXES" ] && [ -n "$ADD_CONSTRAINTS" ] || { echo "could not read the indexes and constraints" >&2; exit 1; }

read -r A0 U0 O0 I0 S0 P0 E0 <<< "$(query "select (select coalesce(max(id), 0) from account), (select coalesce(max(id), 0) from app_user),
  (select coalesce(max(id), 0) from organization), (select coalesce(max(id), 0) from image),
  (select coalesce(max(id), 0) from image_share), (select coalesce(max(id), 0) from pull_event),
  (select coalesce(max(id), 0) from audit_event)")"

WORK=$(mktemp -d /tmp/berth-seed.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
SQL=$WORK/seed.sql
T0=$(date +%s)

# Seeded account k (1…NA) has id A0 + k; organization k of other accounts id O0 + 10 + k and
# belongs to account 1 + mod(k - 1, NA); acme's image x id I0 + x, another account's image y id
# I0 + NAI + y in organization 1 + mod(y - 1, NO).
cat > "$SQL" <<SQL
-- ---------------------------------------------------------------- accounts, users, organizations
insert into account (id, name, region, created_at)
  select $A0 + r.x, 'acct-' || lpad(cast(r.x as varchar), 5, '0'),
         case when mod(r.x, 50) = 0 then 'ap-southeast-1' else 'eu-west-1' end,
         current_timestamp - (600000 + r.x) * interval '1' minute
  from $(range $NA);
insert into app_user (id, username, password, account_id, administrator, created_at)
  select $U0 + r.x, 'user-' || lpad(cast(r.x as varchar), 5, '0'), (select password from app_user where username = 'alice'),
         $A0 + r.x, true, current_timestamp - (600000 + r.x) * interval '1' minute
  from $(range $NA);
insert into organization (id, name, account_id, region, created_at)
  select $O0 + r.x, 'acme-team-' || lpad(cast(r.x as varchar), 2, '0'), a.id, a.region,
         current_timestamp - (500000 + r.x) * interval '1' minute
  from $(range $ACME_ORGS) join account a on a.name = 'acme';
insert into organization (id, name, account_id, region, created_at)
  select $O0 + $ACME_ORGS + r.x, 'org-' || lpad(cast(r.x as varchar), 5, '0'), a.id, a.region,
         current_timestamp - (500000 + r.x) * interval '1' minute
  from $(range $NO) join account a on a.id = $A0 + 1 + mod(r.x - 1, $NA);

-- Who may receive shares: the eu-west-1 accounts but globex (which gets its own), seeded ones first.
create table seed_pool (n bigint primary key, id bigint not null, name varchar(64) not null);
insert into seed_pool
  select row_number() over (order by case when name like 'acct-%' then 0 else 1 end, id) - 1, id, name
  from account where region = 'eu-west-1' and name <> 'globex';
create index seed_pool_id on seed_pool (id);
create table seed_user (account_id bigint primary key, username varchar(64) not null);
insert into seed_user select account_id, min(username) from app_user where account_id is not null group by account_id;

-- ---------------------------------------------------------------- images (staged)
-- total_size is the sum of the three tags' sizes below: size(t) = 1048576 * (1 + mod(id * 7 + 13 t, 300)) + t.
create table stage_image (id bigint primary key, organization_id bigint not null, account_id bigint not null,
  owner varchar(64) not null, organization_name varchar(64) not null, name varchar(128) not null,
  path varchar(200) not null, visibility varchar(16) not null,
  created_at timestamp with time zone not null, updated_at timestamp with time zone not null);
insert into stage_image
  select $I0 + r.x, $O0 + 1 + mod(r.x - 1, $ACME_ORGS), (select id from account where name = 'acme'), 'acme',
         'acme-team-' || lpad(cast(1 + mod(r.x - 1, $ACME_ORGS) as varchar), 2, '0'), 'service-' || r.x, 'acme-team-' || lpad(cast(1 + mod(r.x - 1, $ACME_ORGS) as varchar), 2, '0') || '/service-' || r.x,
         case when mod(r.x, 10) = 0 then 'PUBLIC' else 'PRIVATE' end,
         current_timestamp - (400000 + r.x) * interval '1' minute,
         current_timestamp - mod(r.x * 7919, 500000) * interval '1' minute
  from $(range $NAI);
insert into stage_image
  select $I0 + $NAI + r.x, $O0 + $ACME_ORGS + 1 + mod(r.x - 1, $NO), $A0 + 1 + mod(mod(r.x - 1, $NO), $NA),
         'acct-' || lpad(cast(1 + mod(mod(r.x - 1, $NO), $NA) as varchar), 5, '0'),
         'org-' || lpad(cast(1 + mod(r.x - 1, $NO) as varchar), 5, '0'), 'app-' || r.x, 'org-' || lpad(cast(1 + mod(r.x - 1, $NO) as varchar), 5, '0') || '/app-' || r.x,
         case when mod(r.x, 10) = 0 then 'PUBLIC' else 'PRIVATE' end,
         current_timestamp - (400000 + r.x) * interval '1' minute,
         current_timestamp - mod(r.x * 7907, 500000) * interval '1' minute
  from $(range $NOI);

-- Shared images: two thirds of the private images of pool accounts, numbered in a scattered order.
create table seed_shared_image (n bigint primary key, id bigint not null, owner_n bigint not null);
insert into seed_shared_image
  select row_number() over (order by mod(i.id * 7919, 100003), i.id) - 1, i.id, p.n
  from stage_image i join seed_pool p on p.id = i.account_id
  where i.visibility = 'PRIVATE' and mod(i.id, 3) <> 0;
$(count_var pool seed_pool)
$(count_var shared_images seed_shared_image)

-- ---------------------------------------------------------------- shares (staged)
-- n 0…NGINX_SHARES-1: acme-apps/nginx (globex last); then globex's; then the rest.
create table stage_share (n bigint primary key, image_id bigint not null, grantee_id bigint not null,
  valid_until date, description varchar(4000) not null, created_by varchar(64) not null,
  created_at timestamp with time zone not null, image_organization varchar(64) not null,
  image_name varchar(128) not null, image_path varchar(200) not null, owner_account varchar(64) not null,
  image_updated_at timestamp with time zone not null, image_size bigint not null, image_tag_count integer not null,
  image_organization_id bigint not null, image_account_id bigint not null);
insert into stage_share
  select g.n, i.id, g.id, case when mod(g.n, 4) = 0 then current_date + 90 else null end, 'Seeded share', 'alice',
         current_timestamp - (1000 + g.n) * interval '1' minute, i.organization_name, i.name,
         i.organization_name || '/' || i.name, 'acme', i.updated_at, i.total_size,
         i.tag_count, i.organization_id, i.account_id
  from image i
  join (select n, id from seed_pool where n < $((NGINX_SHARES - 1))
        union all select $((NGINX_SHARES - 1)), id from account where name = 'globex') g on 1 = 1
  where i.organization_name = 'acme-apps' and i.name = 'nginx';
insert into stage_share
  select $NGINX_SHARES + s.n, i.id, (select id from account where name = 'globex'),
         case mod(s.n, 20) when 0 then current_date - 10 when 1 then current_date + 30 when 2 then current_date + 365
              else null end,
         '', case when i.owner = 'acme' then 'alice' else 'user-' || substring(i.owner, 6) end,
         current_timestamp - mod(s.n, 100000) * interval '1' minute, i.organization_name, i.name, i.path, i.owner, i.updated_at,
         1048576 * (3 + mod(i.id * 7 + 13, 300) + mod(i.id * 7 + 26, 300) + mod(i.id * 7 + 39, 300)) + 6, 3,
         i.organization_id, i.account_id
  from seed_shared_image s
  join stage_image i on i.id = s.id
  where s.n < $((GLOBEX_SHARES - 1));
-- Share x goes to shared image mod(x, M), its j-th (j = x / M) to the pool account
-- 1 + mod(n * 7919 + j, P - 1) places after the owner: never the owner, distinct while j < P - 1.
insert into stage_share
  select $((NGINX_SHARES + GLOBEX_SHARES - 2)) + r.x, i.id, g.id,
         case mod(r.x, 20) when 0 then current_date - 10 when 1 then current_date + 30 when 2 then current_date + 365
              else null end,
         case when mod(r.x, 5) = 0 then 'Seeded share ' || r.x else '' end,
         case when i.owner = 'acme' then 'alice' else 'user-' || substring(i.owner, 6) end,
         current_timestamp - mod(r.x, 500000) * interval '1' minute, i.organization_name, i.name, i.path,
         i.owner, i.updated_at,
         1048576 * (3 + mod(i.id * 7 + 13, 300) + mod(i.id * 7 + 26, 300) + mod(i.id * 7 + 39, 300)) + 6, 3,
         i.organization_id, i.account_id
  from $(range $NBULK)
  join seed_shared_image s on s.n = mod(r.x - 1, $(v shared_images))
  join seed_pool g on g.n = mod(s.owner_n + 1 + mod(s.n * 7919 + (r.x - 1) / $(v shared_images),
                                                  $(v pool) - 1),
                                $(v pool))
  join stage_image i on i.id = s.id;
create table seed_share_count (image_id bigint primary key, shares integer not null);
insert into seed_share_count select image_id, count(*) from stage_share group by image_id;

-- ---------------------------------------------------------------- pulls (staged)
-- Pull x: the first NGINX_PULLS on nginx's shares (20 each), the others on every other later share.
-- Each has its own instant (x seconds apart), so a share's last pull is its pull with the smallest x.
create table seed_nginx_tag (k bigint primary key, name varchar(128) not null, digest varchar(80) not null);
insert into seed_nginx_tag
  select row_number() over (order by t.name) - 1, t.name, t.digest
  from tag t join image i on i.id = t.image_id where i.organization_name = 'acme-apps' and i.name = 'nginx';
create table stage_pull (x bigint primary key, share_n bigint not null, tag varchar(128) not null,
  digest varchar(80) not null, pulled_at timestamp with time zone not null);
insert into stage_pull
  select r.x, mod(r.x - 1, $NGINX_SHARES), t.name, t.digest, current_timestamp - (60 + 7 * r.x) * interval '1' second
  from $(range $NGINX_PULLS)
  join seed_nginx_tag t on t.k = mod(r.x, (select count(*) from seed_nginx_tag));
insert into stage_pull
  select $NGINX_PULLS + r.x, s.n, 'v' || (1 + mod(r.x, 3)),
         'sha256:' || lpad(cast(s.image_id * 10 + 1 + mod(r.x, 3) as varchar), 64, '0'),
         current_timestamp - (60 + 7 * ($NGINX_PULLS + r.x)) * interval '1' second
  from $(range $((PULLS - NGINX_PULLS)))
  join stage_share s on s.n = $NGINX_SHARES + 2 * mod(r.x - 1, $NPULLED);
create table seed_pull_count (share_n bigint primary key, pulls bigint not null, last_x bigint not null);
insert into seed_pull_count select share_n, count(*), min(x) from stage_pull group by share_n;

-- ---------------------------------------------------------------- the rows themselves
$DROP_CONSTRAINTS
$DROP_INDEXES
insert into image (id, organization_id, account_id, region, organization_name, name, visibility, category, description,
                   created_at, updated_at, tag_count, total_size, share_count)
  select i.id, i.organization_id, i.account_id, a.region, i.organization_name, i.name, i.visibility, 'Application',
         'Seeded ' || i.name, i.created_at, i.updated_at, 3,
         1048576 * (3 + mod(i.id * 7 + 13, 300) + mod(i.id * 7 + 26, 300) + mod(i.id * 7 + 39, 300)) + 6,
         coalesce(c.shares, 0)
  from stage_image i join account a on a.id = i.account_id left join seed_share_count c on c.image_id = i.id;
insert into tag (image_id, name, digest, size, pushed_at)
  select i.id, 'v' || t.x, 'sha256:' || lpad(cast(i.id * 10 + t.x as varchar), 64, '0'),
         1048576 * (1 + mod(i.id * 7 + 13 * t.x, 300)) + t.x, i.updated_at - (3 - t.x) * interval '1' day
  from stage_image i cross join $(range 3 t);
update image set share_count = (select shares from seed_share_count c where c.image_id = image.id)
 where organization_name = 'acme-apps' and name = 'nginx';

insert into image_share (id, image_id, grantee_account_id, valid_until, permission, description, created_by, created_at,
                         updated_at, image_organization, image_name, owner_account, image_updated_at, image_size, image_tag_count,
                         pull_count, last_pull_at, last_pull_user, last_pull_tag, last_pull_digest)
  select $S0 + 1 + s.n, s.image_id, s.grantee_id, s.valid_until, 'PULL', s.description, s.created_by, s.created_at,
         s.created_at, s.image_organization, s.image_name, s.owner_account, s.image_updated_at, s.image_size, s.image_tag_count,
         coalesce(c.pulls, 0), p.pulled_at, case when p.x is null then null else u.username end, p.tag, p.digest
  from stage_share s
  join seed_user u on u.account_id = s.grantee_id
  left join seed_pull_count c on c.share_n = s.n
  left join stage_pull p on p.x = c.last_x;
-- Each shared image's Sharing tab has a version (V25): a seeded image's is its id, as the upgrade
-- gives it; the demo's nginx, shared before, gets a new one, since a console may have kept its tab.
update sharing_version set version = version + 1 where image_id in (select image_id from stage_share);
insert into sharing_version (image_id, version)
  select distinct s.image_id, s.image_id from stage_share s
  where not exists (select 1 from sharing_version v where v.image_id = s.image_id);

insert into pull_event (id, event_id, image_id, puller_account_id, username, tag, digest, pulled_at, organization_id,
                        owner_account_id, image_name, puller_account)
  select $P0 + p.x, 'seed-' || p.x, s.image_id, s.grantee_id, u.username, p.tag, p.digest, p.pulled_at,
         s.image_organization_id, s.image_account_id, s.image_path, a.name
  from stage_pull p
  join stage_share s on s.n = p.share_n
  join account a on a.id = s.grantee_id
  join seed_user u on u.account_id = s.grantee_id;

-- ---------------------------------------------------------------- audit events
-- Owner-side events x (acme's first, then other accounts'), as ShareService writes them: each share
-- created, changed or revoked also on the grantee account's side (SHARE_RECEIVED*, id E0 +
-- AUDIT_OWNER + x), each change with the field it changed (audit_change). Grantees are pool
-- accounts other than acme (so that acme has exactly its ACME_AUDIT events), never the owner.
create table seed_action (k bigint primary key, action varchar(32) not null, received varchar(32));
insert into seed_action select r.x - 1, case when r.x <= 6 then 'SHARE_CREATED' when r.x <= 8 then 'SHARE_CHANGED'
                                             when r.x = 9 then 'SHARE_REVOKED' else 'SHARE_REFUSED' end,
                               case when r.x <= 6 then 'SHARE_RECEIVED' when r.x <= 8 then 'SHARE_RECEIVED_CHANGED'
                                    when r.x = 9 then 'SHARE_RECEIVED_REVOKED' else null end
  from $(range 10);
create table seed_audit_pool (n bigint primary key, id bigint not null, name varchar(64) not null);
insert into seed_audit_pool select row_number() over (order by n) - 1, id, name from seed_pool where name <> 'acme';
$(count_var audit_pool seed_audit_pool)
create table seed_acme_image (n bigint primary key, id bigint not null);
insert into seed_acme_image
  select row_number() over (order by id) - 1, id from image where account_id = (select id from account where name = 'acme');
$(count_var acme_images seed_acme_image)
create table stage_audit (x bigint primary key, account_id bigint not null, owner_name varchar(64) not null,
  actor varchar(64) not null, action varchar(32) not null, received varchar(32), organization_id bigint not null,
  image_id bigint not null, image_name varchar(200) not null, grantee_id bigint not null,
  grantee_name varchar(64) not null, occurred_at timestamp with time zone not null);
insert into stage_audit
  select r.x, i.account_id, 'acme', 'alice', e.action, e.received, i.organization_id, i.id,
         i.organization_name || '/' || i.name, g.id, g.name, current_timestamp - (30 + 53 * r.x) * interval '1' second
  from $(range $ACME_AUDIT)
  join seed_acme_image s on s.n = mod(r.x - 1, $(v acme_images))
  join image i on i.id = s.id
  join seed_audit_pool g on g.n = mod(r.x * 31, $(v audit_pool))
  join seed_action e on e.k = mod(r.x, 10);
-- Other owners: AUDIT_PAIRED share changes (created, changed, revoked 6:2:1), then refusals.
insert into stage_audit
  select $ACME_AUDIT + r.x, i.account_id, i.owner, 'user-' || substring(i.owner, 6), e.action, e.received,
         i.organization_id, i.id, i.path,
         case when g1.id = i.account_id then g2.id else g1.id end,
         case when g1.id = i.account_id then g2.name else g1.name end,
         current_timestamp - (30 + 5 * r.x) * interval '1' second
  from $(range $AUDIT_OTHER)
  join stage_image i on i.id = $I0 + $NAI + 1 + mod(r.x - 1, $NOI)
  join seed_audit_pool g1 on g1.n = mod(r.x * 31, $(v audit_pool))
  join seed_audit_pool g2 on g2.n = mod(r.x * 31 + 1, $(v audit_pool))
  join seed_action e on e.k = case when r.x <= $AUDIT_PAIRED then mod(r.x, 9) else 9 end;

insert into audit_event (id, account_id, actor, action, organization_id, image_id, image_name, grantee_account,
                         old_value, new_value, detail, occurred_at)
  select $E0 + a.x, a.account_id, a.actor, a.action, a.organization_id, a.image_id, a.image_name, a.grantee_name,
         case when a.action in ('SHARE_CHANGED', 'SHARE_REVOKED') then '$TERMS_PERMANENT' else null end,
         case when a.action = 'SHARE_CREATED' then '$TERMS_PERMANENT'
              when a.action = 'SHARE_CHANGED'
              then 'Valid Until: ' || cast(current_date + 30 as varchar) || '; Permission: Pull; no description'
              else null end,
         case when a.action = 'SHARE_REFUSED' then 'The image is already shared with account ' || a.grantee_name || '.'
              else null end,
         a.occurred_at
  from stage_audit a;
insert into audit_event (id, account_id, actor, action, organization_id, image_id, image_name, grantee_account,
                         old_value, new_value, detail, occurred_at)
  select $E0 + $AUDIT_OWNER + a.x, a.grantee_id, a.actor, a.received, a.organization_id, a.image_id, a.image_name,
         a.owner_name,
         case when a.action in ('SHARE_CHANGED', 'SHARE_REVOKED') then '$TERMS_PERMANENT' else null end,
         case when a.action = 'SHARE_CREATED' then '$TERMS_PERMANENT'
              when a.action = 'SHARE_CHANGED'
              then 'Valid Until: ' || cast(current_date + 30 as varchar) || '; Permission: Pull; no description'
              else null end,
         null, a.occurred_at
  from stage_audit a where a.received is not null;
insert into audit_change (event_id, position, field, old_value, new_value)
  select $E0 + a.x, 0, 'sharing.validUntil', 'Permanently valid', cast(current_date + 30 as varchar)
  from stage_audit a where a.action = 'SHARE_CHANGED';
insert into audit_change (event_id, position, field, old_value, new_value)
  select $E0 + $AUDIT_OWNER + a.x, 0, 'sharing.validUntil', 'Permanently valid', cast(current_date + 30 as varchar)
  from stage_audit a where a.action = 'SHARE_CHANGED';

-- The staging tables go first: H2 names the constraints of new tables like the dropped ones.
drop table seed_pool;
drop table seed_user;
drop table stage_image;
drop table seed_shared_image;
drop table stage_share;
drop table seed_share_count;
drop table seed_nginx_tag;
drop table stage_pull;
drop table seed_pull_count;
drop table seed_action;
drop table seed_audit_pool;
drop table seed_acme_image;
drop table stage_audit;

$ADD_CONSTRAINTS
$CREATE_INDEXES

-- New rows of the console continue after the seeded ids.
alter table account alter column id restart with $((A0 + NA + 1));
alter table app_user alter column id restart with $((U0 + NA + 1));
alter table organization alter column id restart with $((O0 + ACME_ORGS + NO + 1));
alter table image alter column id restart with $((I0 + NAI + NOI + 1));
alter table image_share alter column id restart with $((S0 + SHARES + 1));
alter table pull_event alter column id restart with $((P0 + PULLS + 1));
alter table audit_event alter column id restart with $((E0 + 2 * AUDIT_OWNER + 1));

SQL

echo "Seeding at SCALE $SCALE: $ACCOUNTS accounts, $ORGS organizations, $IMAGES images × 3 tags, $SHARES shares," \
     "$PULLS pull events, $AUDIT audit events ($WHERE)"
if [ -n "$POSTGRES" ]; then
  { echo "set synchronous_commit = off;"; echo "begin;"; cat "$SQL"; echo "commit;"; echo "analyze;"; } > "$WORK/pg.sql"
  run "$WORK/pg.sql"
else
  echo "analyze;" >> "$SQL"
  run "$SQL"
fi
echo "Seeded in $(( $(date +%s) - T0 )) s"

[ -n "$CHECK" ] || exit 0
# Each figure must be 0: rows whose derived columns disagree with the rows they derive from.
T1=$(date +%s)
CHECKS=(
  "organizations whose region disagrees with their account's|select count(*) from organization o join account a on a.id = o.account_id where o.region <> a.region"
  "images whose account, region, organization name, tag count or size (each digest once) disagree with organization and tags|select count(*) from image i join organization o on o.id = i.organization_id left join (select image_id, count(*) as c, sum(case when exists (select 1 from tag u where u.image_id = tag.image_id and u.digest = tag.digest and u.name < tag.name) then 0 else size end) as s from tag group by image_id) t on t.image_id = i.id where i.account_id <> o.account_id or i.region <> o.region or i.organization_name <> o.name or i.tag_count <> coalesce(t.c, 0) or i.total_size <> coalesce(t.s, 0)"
  "images whose share count disagrees with the shares|select count(*) from image i left join (select image_id, count(*) as c from image_share group by image_id) s on s.image_id = i.id where i.share_count <> coalesce(s.c, 0)"
  "shares whose image copies disagree with the image|select count(*) from image_share s join image i on i.id = s.image_id join account a on a.id = i.account_id where s.image_organization <> i.organization_name or s.image_name <> i.name or s.owner_account <> a.name or s.image_updated_at <> i.updated_at or s.image_size <> i.total_size or s.image_tag_count <> i.tag_count"
  "shares whose pull count or last pull time disagree with the pull events|select count(*) from image_share s left join (select image_id, puller_account_id, count(*) as c, max(pulled_at) as m from pull_event group by image_id, puller_account_id) p on p.image_id = s.image_id and p.puller_account_id = s.grantee_account_id where s.pull_count <> coalesce(p.c, 0) or (s.last_pull_at is null and p.m is not null) or (s.last_pull_at is not null and (p.m is null or s.last_pull_at <> p.m))"
  "shares whose last pull user, tag or digest is not that of a pull at the last pull time|select count(*) from image_share s where s.pull_count > 0 and not exists (select 1 from pull_event p where p.image_id = s.image_id and p.puller_account_id = s.grantee_account_id and p.pulled_at = s.last_pull_at and p.username = s.last_pull_user and p.tag = s.last_pull_tag and p.digest = s.last_pull_digest)"
  "shares across regions, to the owner's account, or of public images|select count(*) from image_share s join image i on i.id = s.image_id join account o on o.id = i.account_id join account g on g.id = s.grantee_account_id where o.region <> g.region or o.id = g.id or i.visibility <> 'PRIVATE'"
  "images with more than 500 shares|select count(*) from image where share_count > 500"
  "shared images without a Sharing tab version|select count(*) from (select distinct image_id from image_share) s where not exists (select 1 from sharing_version v where v.image_id = s.image_id)"
  "share changes without the fields they changed|select count(*) from audit_event e where e.action in ('SHARE_CHANGED', 'SHARE_RECEIVED_CHANGED') and not exists (select 1 from audit_change c where c.event_id = e.id)"
  "share events without the other account's side|select count(*) from audit_event e join account a on a.id = e.account_id where e.action in ('SHARE_CREATED', 'SHARE_CHANGED', 'SHARE_REVOKED') and not exists (select 1 from audit_event r join account g on g.id = r.account_id where r.image_id = e.image_id and r.occurred_at = e.occurred_at and g.name = e.grantee_account and r.grantee_account = a.name and r.action = case e.action when 'SHARE_CREATED' then 'SHARE_RECEIVED' when 'SHARE_CHANGED' then 'SHARE_RECEIVED_CHANGED' else 'SHARE_RECEIVED_REVOKED' end)"
  "audit events whose other account is their own|select count(*) from audit_event e join account a on a.id = e.account_id where e.grantee_account = a.name"
  "audit events whose organization is not their image's|select count(*) from audit_event e join image i on i.id = e.image_id where e.organization_id <> i.organization_id"
  "pull events whose organization, owner, path or puller name disagree|select count(*) from pull_event p join image i on i.id = p.image_id join account a on a.id = p.puller_account_id where p.organization_id <> i.organization_id or p.owner_account_id <> i.account_id or p.image_name <> i.organization_name || '/' || i.name or p.puller_account <> a.name"
  "pull events by the owner's own account or without a share|select count(*) from pull_event p where p.puller_account_id = p.owner_account_id or not exists (select 1 from image_share s where s.image_id = p.image_id and s.grantee_account_id = p.puller_account_id)"
)
[ -z "${FOREIGN_KEY_CHECKS:-}" ] || mapfile -t -O "${#CHECKS[@]}" CHECKS <<< "$FOREIGN_KEY_CHECKS"
for check in "${CHECKS[@]}"; do
  printf "%-90s %s\n" "${check%%|*}" "$(query "${check#*|}")"
done
printf "%-90s %s\n" "accounts, organizations, images, tags, shares, pull events, audit events" \
  "$(query "select (select count(*) from account), (select count(*) from organization), (select count(*) from image), (select count(*) from tag), (select count(*) from image_share), (select count(*) from pull_event), (select count(*) from audit_event)")"
printf "%-90s %s\n" "acme's images, shares to globex, shares of nginx, pulls of nginx, acme's audit events" \
  "$(query "select (select count(*) from image where account_id = (select id from account where name = 'acme')), (select count(*) from image_share where grantee_account_id = (select id from account where name = 'globex')), (select count(*) from image_share where image_organization = 'acme-apps' and image_name = 'nginx'), (select count(*) from pull_event where image_name = 'acme-apps/nginx'), (select count(*) from audit_event where account_id = (select id from account where name = 'acme'))")"
echo "Checked in $(( $(date +%s) - T1 )) s"
