#!/usr/bin/env bash
# Query plans of every list query, as the console sends them (SQL built from the fixed fragments of
# ImageCatalog, SharedImages, Activity and AccessPolicy, with representative parameters written in),
# on a database seeded with bench/seed.sh: EXPLAIN ANALYZE on H2 and EXPLAIN (ANALYZE, BUFFERS) on
# PostgreSQL, one text file per query under bench/plans/<database>/.
#
#   bench/plans.sh DATA_DIR                  H2 (the console must be stopped)
#   bench/plans.sh --postgres JDBC_URL       PostgreSQL
#
# Each query runs once before it is explained, so the figures are those of a warm cache.
# These are plans for the values written in. The console's prepared statements get PostgreSQL's
# generic plan (made without the values) from their sixth run on; to see those, run the console with
# the server's auto_explain (shared_preload_libraries=auto_explain, auto_explain.log_min_duration=2,
# auto_explain.log_analyze=on) under bench/pages.sh and read the server's log (bench/RESULTS.md,
# eleventh round).
# PLANS_DIR=… writes elsewhere (e.g. bench/plans/h2-scale-0.1); ONLY=REGEX explains only the queries
# whose names match it and leaves the directory's other files as they are.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--postgres" ]; then
  POSTGRES=${2#jdbc:}; OUT=${PLANS_DIR:-bench/plans/postgresql}
  query() { psql -X -At -F ' ' -v ON_ERROR_STOP=1 "$POSTGRES" -c "$1"; }
  explain() { psql -X -At -v ON_ERROR_STOP=1 "$POSTGRES" -c "$1" >/dev/null; psql -X -At -v ON_ERROR_STOP=1 "$POSTGRES" -c "explain (analyze, buffers) $1"; }
else
  DATA=${1:?usage: bench/plans.sh DATA_DIR | --postgres JDBC_URL}; OUT=${PLANS_DIR:-bench/plans/h2}
  H2_VERSION=$(unzip -l target/berth-*.jar 2>/dev/null | grep -o 'h2-[0-9.]*\.jar' | head -n 1 | sed 's/^h2-//; s/\.jar$//' || true)
  H2=$(find ~/.m2/repository/com/h2database/h2 -name "h2-${H2_VERSION:-*}.jar" | sort -V | tail -n 1)
  URL="jdbc:h2:file:$(cd "$DATA" && pwd)/db/berth"
  # Nothing (as psql prints) when no row is found: the deep pages' rows at a SCALE below 1.
  query() { java -cp "$H2" org.h2.tools.Shell -url "$URL" -user sa -sql "$1" 2>&1 | { grep -B1 '^(1 row' || true; } | head -n 1 | sed 's/ *| */ /g; s/ *$//'; }
  # One JVM for both runs of a statement: the second (EXPLAIN ANALYZE) is warm.
  explain() { java -cp "$H2" org.h2.tools.Shell -url "$URL" -user sa -sql "$1; explain analyze $1" 2>&1 | sed '1,/^([0-9]* rows\?,/d'; }
fi

read -r ACME GLOBEX NGINX BOB GLOBEX_SHARES <<< "$(query "select (select id from account where name = 'acme'), (select id from account where name = 'globex'), (select id from image where organization_name = 'acme-apps' and name = 'nginx'), (select id from app_user where username = 'bob'), (select count(*) from image_share where grantee_account_id = (select id from account where name = 'globex'))")"
TODAY=$(date -u +%F)

# The fragments, as in the Java classes (parameters written in).
# ImageCatalog.ROW_SELECT; %s is the condition of "may share" (AccessPolicy.imagesAtLeast(…, MANAGE, …)).
# ImageCatalog.PAGE: may share, condition, order, limit, offset; with the list's count (PageOf.countColumn)
image_page() { echo "select i.id, i.organization_name, i.name, a.name as owner, i.visibility, i.tag_count, i.total_size,
       i.updated_at, i.share_count, i.description,
       (select t.name from tag t where t.image_id = i.id order by t.pushed_at desc, t.name limit 1) as newest_tag,
       case when $1 then 1 else 0 end as may_share, ($(counted image "$2" $(($4 + $5 + 1001)))) as counted
from (select i.id from image i where $2 order by $3 limit $4 offset $5) p
join image i on i.id = p.id
join account a on a.id = i.account_id
order by $3"; }
# SharedImages.RECEIVED_PAGE: condition, order, limit, offset; the console's list has its count in it
# (PageOf.countColumn), the API's (a fifth argument, "api") has not
received_page() { local count=", ($(counted image_share "$1" $(($3 + $4 + 1001)))) as counted"; [ "${5:-}" = api ] && count=
  echo "select s.image_id, s.owner_account, s.image_organization, s.image_name, s.valid_until, s.description,
       s.created_by, s.created_at, s.image_tag_count, s.image_size, s.image_updated_at$count
from (select s.id from image_share s where $1 order by $2 limit $3 offset $4) p
join image_share s on s.id = p.id
order by $2"; }
# A page of it read back (Previous): condition, the order it is read in, the order it is shown in, limit;
# counted from the row read back from on (COUNTED, to 1,001 rows)
received_back() { echo "select s.image_id, s.owner_account, s.image_organization, s.image_name, s.valid_until, s.description,
       s.created_by, s.created_at, s.image_tag_count, s.image_size, s.image_updated_at, ($(counted image_share "$5" 1001)) as counted
from (select s.id from image_share s where $1 order by $2 limit $4 offset 0) p
join image_share s on s.id = p.id
order by $3"; }
# ImageCatalog.page and SharedImages.sharedWith count a list up to 1,000 past the page (PageOf.countedTo),
# one more than that to know whether it goes on: 1,011 rows at most for page 1 of 10. The count is a
# column of the page's statement; alone (the "-count" entries) when the page has no rows.
counted() { local alias=i; [ "$1" = image_share ] && alias=s; echo "select count(*) from (select 1 from $1 $alias where $2 limit $3) c"; }
# ImageFilter.readOn (Next): the rows after the row CURSOR (from … where …) when LISTED keeps it, in the
# order of COLUMN then the id of ALIAS, BEYOND (< or >) it; ImageFilter.readBack (Previous) is the same
# with the other BEYOND, and the count of a page read back (ImageFilter.read) gives the id's test, <= or >=,
# as a sixth argument
read_on() { local cursor=$1 listed=$2 beyond=$3 column=$4 id=$5.id last=${6:-$3}
  local at="(select case when $listed then $column end $cursor)" at_id="(select case when $listed then $id end $cursor)"
  echo "$column $beyond= $at and ($column $beyond $at or $id $last $at_id)"; }
ALICE_MANAGES="i.account_id = $ACME"
BY_UPDATE="i.account_id desc, i.visibility desc, i.updated_at desc, i.id desc"
RECEIVED_BY_UPDATE="s.grantee_account_id desc, s.image_updated_at desc, s.id desc"
RECEIVED_BY_NAME="s.grantee_account_id asc, s.image_organization asc, s.image_name asc, s.id asc"
# SharedImages.SHARE_SELECT. The Sharing tab reads the image's shares with its sort's column (IMAGE_SHARES),
# puts them in order with their accounts' names as the console keeps them (accounts.AccountNames), then reads
# the page's shares by id: PAGE_IDS, the first 50 by account name.
SHARE_SELECT="select s.id, s.image_id, a.name as account, s.grantee_account_id, s.valid_until, s.permission,
       s.description, s.created_by, s.created_at, s.updated_at, s.image_organization, s.image_name,
       s.pull_count,
       s.last_pull_at, s.last_pull_user, s.last_pull_token, s.last_pull_tag, s.last_pull_digest,
       case when a.disabled_at is null then false else true end as grantee_disabled
from image_share s
join account a on a.id = s.grantee_account_id"
image_shares() { echo "select s.id, s.grantee_account_id$1 from image_share s where s.image_id = $NGINX"; }
PAGE_IDS=$(query "select string_agg(cast(x.id as varchar), ',') from (select s.id from image_share s join account a on a.id = s.grantee_account_id where s.image_id = $NGINX order by a.name limit 50) x")
# Activity's three sources: EVENTS, PULLS (of the account given as $1) and EXPIRIES, each with its condition $2.
events() { echo "select e.occurred_at, e.actor, e.action, e.image_id, e.image_name, e.grantee_account as account,
       e.old_value, e.new_value, e.detail, e.id as seq
from audit_event e
where e.account_id = $1 and $2"; }
pulls() { echo "select p.pulled_at as occurred_at, p.username as actor, p.image_id, p.image_name,
       p.puller_account as account, p.digest, p.tag, p.id as seq
from pull_event p
where p.owner_account_id = $1 and p.puller_account_id <> $1 and $2"; }
expiries() { echo "select s.valid_until, s.image_id, s.image_organization, s.image_name, s.owner_account, s.id as seq
from image_share s
where s.grantee_account_id = $1 and s.valid_until < date '$TODAY' and $2"; }
# Activity.counted: a part of an account's Activity with its count (to 1,020 + 1 for page 1) in the same statement.
with_count() { local cols=${1%%$'\n'from *} fw="from ${1#*$'\n'from }"
  echo "$cols, (select count(*) from (select 1 $fw limit 1021) c) as counted
$fw"; }
HISTORY_ACTIONS="'SHARE_CHANGED', 'SHARE_CREATED', 'SHARE_REVOKED'"
# alice is an administrator: AccessPolicy.imagesAtLeast(alice, …) is the account alone.
ALICE_PRIVATE="(i.account_id = $ACME) and (i.visibility = 'PRIVATE')"
# The last image of the page before the deep pages: page 199 of alice's images by size, page 1999 of
# carol's shares by update
SIZE_CURSOR=$(query "select i.id from image i where $ALICE_PRIVATE order by i.account_id desc, i.visibility desc, i.total_size desc, i.id desc limit 1 offset 1989")
OTHERS_CURSOR=$(query "select s.image_id from image_share s where s.grantee_account_id = $GLOBEX order by $RECEIVED_BY_UPDATE limit 1 offset 19989")
# The first image of page 2000 of carol's shares, which page 1999 is read back from
OTHERS_BACK=$(query "select s.image_id from image_share s where s.grantee_account_id = $GLOBEX order by $RECEIVED_BY_UPDATE limit 1 offset 19990")
OTHERS_BACK_FROM="from image_share s where s.image_id = $OTHERS_BACK and s.grantee_account_id = $GLOBEX"
ACME_APPS=$(query "select id from organization where name = 'acme-apps'")
# bob is not: the rows of his list are those of AccessPolicy.imagesHeld(bob, READ, …), the organization he
# holds a grant on (acme-apps) read on its index; "may share" is AccessPolicy.imagesAtLeast(bob, MANAGE, …).
bob_manage() { echo "($1 = $ACME) and ((exists (select 1 from organization_grant pog where pog.organization_id = $2 and pog.user_id = $BOB and pog.permission in ('MANAGE'))) or (exists (select 1 from image_grant pig where pig.image_id = $3 and pig.user_id = $BOB and pig.permission in ('MANAGE'))))"; }
BOB_PRIVATE="(i.organization_id in ($ACME_APPS)) and (i.visibility = 'PRIVATE')"
# bob's Activity (Activity.eventParts, Activity.readable): the events and pulls of the one organization he
# may read (acme-apps), and of each action of the shares acme received and of his own tokens.
# Activity.counted reads those actions' parts in one statement: the union of each part's own read (its
# rows on its own index, and its count), inside a select.
action_part() { local cols=${1%%$'\n'from *} fw="from ${1#*$'\n'from }"
  echo "($cols, (select count(*) from (select 1 $fw limit 1021) c) as counted, $2 as part
$fw order by $3 limit 20)"; }
BOB_ACTIONS=()
for action in SHARE_RECEIVED SHARE_RECEIVED_CHANGED SHARE_RECEIVED_REVOKED; do
  BOB_ACTIONS+=("$(action_part "$(events $ACME "e.action = '$action'")" ${#BOB_ACTIONS[@]} \
    "e.account_id desc, e.action desc, e.occurred_at desc, e.id desc")")
done
for action in TOKEN_CREATED TOKEN_REVOKED TOKEN_EXPIRED_USED TOKEN_NEW_ADDRESS; do
  BOB_ACTIONS+=("$(action_part "$(events $ACME "(e.actor = 'bob') and (e.action = '$action')")" ${#BOB_ACTIONS[@]} \
    "e.account_id desc, e.actor desc, e.action desc, e.occurred_at desc, e.id desc")")
done
BOB_ACTIONS_READ="select * from ($(printf '%s\nunion all\n' "${BOB_ACTIONS[@]}" | sed '$d')) parts"
PUBLIC="(i.visibility = 'PUBLIC') and (i.region = 'eu-west-1')"

QUERIES=(
  "01-my-images-page-1|$(image_page "$ALICE_MANAGES" "$ALICE_PRIVATE" "$BY_UPDATE" 10 0)"
  "02-my-images-count|$(counted image "$ALICE_PRIVATE" 1011)"
  "03-my-images-by-size-page-200|$(image_page "$ALICE_MANAGES" "$ALICE_PRIVATE" "i.account_id desc, i.visibility desc, i.total_size desc, i.id desc" 10 1990)"
  "03a-my-images-by-size-page-200-by-next|$(image_page "$ALICE_MANAGES" "($ALICE_PRIVATE) and ($(read_on "from image i where i.id = $SIZE_CURSOR" "$ALICE_PRIVATE" "<" i.total_size i))" "i.account_id desc, i.visibility desc, i.total_size desc, i.id desc" 10 0)"
  "04-my-images-by-name-page-1|$(image_page "$ALICE_MANAGES" "$ALICE_PRIVATE" "i.account_id asc, i.visibility asc, i.organization_name asc, i.name asc, i.id asc" 10 0)"
  "05-my-shared-images-page-1|$(image_page "$ALICE_MANAGES" "($ALICE_PRIVATE) and (i.share_count > 0)" "$BY_UPDATE" 10 0)"
  "06-my-shared-images-count|$(counted image "($ALICE_PRIVATE) and (i.share_count > 0)" 1011)"
  "07-my-images-organizations|select o.name from organization o where o.account_id = $ACME order by o.name limit 101"
  "08-my-images-page-1-bob|$(image_page "$(bob_manage i.account_id i.organization_id i.id)" "$BOB_PRIVATE" "$BY_UPDATE" 10 0)"
  "09-my-images-count-bob|$(counted image "$BOB_PRIVATE" 1011)"
  "10-public-images-page-1|$(image_page "1 = 0" "$PUBLIC" "i.visibility desc, i.region desc, i.updated_at desc, i.id desc" 10 0)"
  "11-public-images-count|$(counted image "$PUBLIC" 1011)"
  "12-public-images-organizations|select o.name from organization o
where o.region = 'eu-west-1'
  and exists (select 1 from image i where i.organization_id = o.id and i.visibility = 'PUBLIC')
order by o.region, o.name limit 101"
  "12a-public-images-organizations-small-region|select o.name from organization o
where o.region = 'ap-southeast-1'
  and exists (select 1 from image i where i.organization_id = o.id and i.visibility = 'PUBLIC')
order by o.region, o.name limit 101"
  "13-from-others-page-1|$(received_page "s.grantee_account_id = $GLOBEX" "$RECEIVED_BY_UPDATE" 10 0)"
  "14-from-others-page-2000|$(received_page "s.grantee_account_id = $GLOBEX" "$RECEIVED_BY_UPDATE" 10 $((GLOBEX_SHARES - 10)))"
  "14a-from-others-page-2000-by-next|$(received_page "(s.grantee_account_id = $GLOBEX) and ($(read_on "from image_share s where s.image_id = $OTHERS_CURSOR and s.grantee_account_id = $GLOBEX" "s.grantee_account_id = $GLOBEX" "<" s.image_updated_at s))" "$RECEIVED_BY_UPDATE" 10 0)"
  "14b-from-others-page-1999-by-previous|$(received_back "(s.grantee_account_id = $GLOBEX) and ($(read_on "$OTHERS_BACK_FROM" "s.grantee_account_id = $GLOBEX" ">" s.image_updated_at s))" "s.grantee_account_id asc, s.image_updated_at asc, s.id asc" "$RECEIVED_BY_UPDATE" 10 "(s.grantee_account_id = $GLOBEX) and ($(read_on "$OTHERS_BACK_FROM" "s.grantee_account_id = $GLOBEX" "<" s.image_updated_at s "<="))")"
  "15-from-others-count|$(counted image_share "s.grantee_account_id = $GLOBEX" 1011)"
  "15a-from-others-count-page-2000|$(counted image_share "s.grantee_account_id = $GLOBEX" $((GLOBEX_SHARES + 1001)))"
  "16-from-others-by-name-page-1|$(received_page "s.grantee_account_id = $GLOBEX" "$RECEIVED_BY_NAME" 10 0)"
  "17-sharing-tab-shares|$(image_shares "")"
  "18-sharing-tab-shares-by-last-pull|$(image_shares ", s.last_pull_at")"
  "19-sharing-tab-page|$SHARE_SELECT
where s.id in ($PAGE_IDS)"
  "20-image-history-events|$(events $ACME "(e.image_id = $NGINX) and (e.action in ($HISTORY_ACTIONS))") order by e.image_id desc, e.account_id desc, e.occurred_at desc, e.id desc limit 10"
  "21-image-history-pulls|$(pulls $ACME "p.image_id = $NGINX") order by p.image_id desc, p.owner_account_id desc, p.pulled_at desc, p.id desc limit 10"
  "22-activity-events-page-1|$(with_count "$(events $ACME "1 = 1")") order by e.account_id desc, e.occurred_at desc, e.id desc limit 20"
  "23-activity-pulls-page-1|$(with_count "$(pulls $ACME "1 = 1")") order by p.owner_account_id desc, p.pulled_at desc, p.id desc limit 20"
  "24-activity-expiries-page-1|$(with_count "$(expiries $ACME "1 = 1")") order by s.grantee_account_id desc, s.valid_until desc, s.id desc limit 20"
  "25-activity-events-count|select count(*) from ($(events $ACME "1 = 1") limit 1021) c"
  "26-activity-pulls-count|select count(*) from ($(pulls $ACME "1 = 1") limit 1021) c"
  "27-activity-expiries-count|select count(*) from ($(expiries $ACME "1 = 1") limit 1021) c"
  "28-activity-events-page-1-bob|$(with_count "$(events $ACME "(e.organization_id = $ACME_APPS) and (e.image_id is not null)")") order by e.account_id desc, e.organization_id desc, e.occurred_at desc, e.id desc limit 20"
  "29-activity-pulls-page-1-bob|$(with_count "$(pulls $ACME "(p.organization_id = $ACME_APPS) and (p.image_id is not null)")") order by p.owner_account_id desc, p.organization_id desc, p.pulled_at desc, p.id desc limit 20"
  "30-activity-pulls-count-bob|select count(*) from ($(pulls $ACME "(p.organization_id = $ACME_APPS) and (p.image_id is not null)") limit 1021) c"
  "30a-activity-received-and-tokens-page-1-bob|$BOB_ACTIONS_READ"
  "31-activity-filter-image-events|$(with_count "$(events $ACME "e.image_name = 'acme-apps/nginx'")") order by e.account_id desc, e.image_name desc, e.occurred_at desc, e.id desc limit 20"
  "32-activity-filter-image-pulls|$(with_count "$(pulls $ACME "p.image_name = 'acme-apps/nginx'")") order by p.owner_account_id desc, p.image_name desc, p.pulled_at desc, p.id desc limit 20"
  "33-activity-filter-account-events|$(with_count "$(events $ACME "e.grantee_account = 'acct-00031'")") order by e.account_id desc, e.grantee_account desc, e.occurred_at desc, e.id desc limit 20"
  "33a-activity-filter-account-pulls|$(with_count "$(pulls $ACME "p.puller_account = 'acct-00031'")") order by p.owner_account_id desc, p.puller_account desc, p.pulled_at desc, p.id desc limit 20"
  "34-activity-events-page-1-carol|$(with_count "$(events $GLOBEX "1 = 1")") order by e.account_id desc, e.occurred_at desc, e.id desc limit 20"
  "35-activity-expiries-page-1-carol|$(with_count "$(expiries $GLOBEX "1 = 1")") order by s.grantee_account_id desc, s.valid_until desc, s.id desc limit 20"
  "36-activity-expiries-count-carol|select count(*) from ($(expiries $GLOBEX "1 = 1") limit 1021) c"
  "37-api-shared-by-me|$SHARE_SELECT
 join image i on i.id = s.image_id where s.owner_account = 'acme' order by s.owner_account desc, s.created_at desc, s.id desc limit 20 offset 0"
  "38-api-shared-with-me|$(received_page "s.grantee_account_id = $GLOBEX" "$RECEIVED_BY_NAME" 20 0 api)"
  "39-my-images-search|$(image_page "$ALICE_MANAGES" "($ALICE_PRIVATE) and (lower(i.name) like '%nginx%' escape '\\')" "$BY_UPDATE" 10 0)"
  "40-from-others-search-count|$(counted image_share "(s.grantee_account_id = $GLOBEX) and (lower(s.image_name) like '%app-1%' escape '\\')" 1011)"
)

[ -n "${ONLY:-}" ] || rm -rf "$OUT"
mkdir -p "$OUT"
for entry in "${QUERIES[@]}"; do
  name=${entry%%|*}; sql=${entry#*|}
  [[ -z "${ONLY:-}" || $name =~ $ONLY ]] || continue
  { echo "$sql;"; echo; explain "$sql"; } > "$OUT/$name.txt"
  echo "$OUT/$name.txt"
done
