package dev.berth.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.berth.accounts.AccountNames;
import dev.berth.accounts.AccountStanding;
import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageFilter;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Permission;
import dev.berth.support.Expiry;
import dev.berth.support.NotFoundException;
import dev.berth.support.PageOf;
import dev.berth.support.PageOf.Counted;
import dev.berth.support.SqlCondition;
import dev.berth.support.UtcDay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * Read models of sharing: an image's shares with their pulls (the Sharing tab), the images shared
 * with an account (Images From Others) and the shares of an account's images (the API). Each reads
 * the share rows alone (plus the grantee's name): a share keeps its image's path, owner, figures
 * and its last pull beside it, so that every list sorts and pages on its own indexed columns.
 */
@Component
public class SharedImages {

	private static final String SHARE_SELECT = """
			select s.id, s.image_id, a.name as account, s.grantee_account_id, s.valid_until, s.permission,
			       s.description, s.created_by, s.created_at, s.updated_at, s.image_organization, s.image_name,
			       s.pull_count,
			       s.last_pull_at, s.last_pull_user, s.last_pull_token, s.last_pull_tag, s.last_pull_digest,
			       case when a.disabled_at is null then false else true end as grantee_disabled
			from image_share s
			join account a on a.id = s.grantee_account_id
			""";

	/**
	 * An image's shares as the Sharing tab's sort reads them (at most 500, the quota), from the
	 * image's index of its accounts: their ids and accounts, and the sort's column. The slot: that
	 * column, or nothing.
	 */
	private static final String IMAGE_SHARES = "select s.id, s.grantee_account_id%s from image_share s where s.image_id = :image";

	/**
	 * One page of images shared with an account: first the ids of the page's shares, read in order
	 * from the list's index (a deep page skips index entries, not rows), then those shares; for the
	 * console's list, with the list's count (PageOf#countColumn). The slots: the count column, the
	 * condition, the order it is read in, the order it is shown in (the same, but for a page read
	 * back from the page after it).
	 */
	private static final String RECEIVED_PAGE = """
			select s.image_id, s.owner_account, s.image_organization, s.image_name, s.valid_until, s.description,
			       s.created_by, s.created_at, s.image_tag_count, s.image_size, s.image_updated_at%s
			from (select s.id from image_share s where %s order by %s limit :limit offset :offset) p
			join image_share s on s.id = p.id
			order by %s
			""";

	/**
	 * What each sort of Images From Others orders by; each has an index on (grantee, column, id), in
	 * the sort's first direction for the updated, size, tags, name and owner sorts (V9).
	 */
	private static final Map<String, String> RECEIVED_SORTS = Map.of("name", "s.image_organization, s.image_name",
			"updated", "s.image_updated_at", "size", "s.image_size", "tags", "s.image_tag_count", "owner",
			"s.owner_account, s.image_organization, s.image_name", "validUntil", "s.valid_until nulls high");

	/** The share a page is read on or back from ({@link ImageFilter#readOn}): the image's, received. */
	private static final String CURSOR = "from image_share s where s.image_id = :cursor and s.grantee_account_id = :account";

	private final JdbcClient jdbc;

	private final AccessPolicy policy;

	private final AccountStanding standing;

	private final AccountNames accountNames;

	private final Clock clock;

	SharedImages(JdbcClient jdbc, AccessPolicy policy, AccountStanding standing, AccountNames accountNames,
			Clock clock) {
		this.jdbc = jdbc;
		this.policy = policy;
		this.standing = standing;
		this.accountNames = accountNames;
		this.clock = clock;
	}

	/**
	 * One page of an image's shares. They are put in order here, with their accounts' names as
	 * {@link AccountNames} keeps them, and only the page's shares are read whole: sorted in SQL by
	 * their accounts' names, every page looked up the name of each of up to 500 shares (1.5 of the
	 * 1.7 ms its statement took on PostgreSQL at issue 9's size).
	 */
	public PageOf<ShareRow> forImage(long imageId, SharesFilter filter) {
		List<SharesFilter.Key> keys = this.jdbc
			.sql(IMAGE_SHARES.formatted(filter.column().map(column -> ", s." + column).orElse("")))
			.param("image", imageId)
			.query((rs, n) -> filter.key(rs))
			.list();
		Map<Long, String> names = this.accountNames.of(keys.stream().map(SharesFilter.Key::account).toList());
		PageOf<Long> ids = filter.pageOf(filter.ordered(keys, names));
		if (ids.items().isEmpty()) {
			return new PageOf<>(List.of(), ids.page(), ids.size(), ids.total());
		}
		LocalDate today = UtcDay.today(this.clock);
		Map<Long, ShareRow> rows = this.jdbc.sql(SHARE_SELECT + " where s.id in (:ids)")
			.param("ids", ids.items())
			.query((rs, n) -> shareRow(rs, today))
			.list()
			.stream()
			.collect(Collectors.toMap(ShareRow::id, Function.identity()));
		// A share revoked between the two statements is left out.
		return new PageOf<>(ids.items().stream().map(rows::get).filter(Objects::nonNull).toList(), ids.page(),
				ids.size(), ids.total());
	}

	/** Every share of an image, by account name (the API; at most 500). */
	public List<ShareRow> all(long imageId) {
		LocalDate today = UtcDay.today(this.clock);
		return this.jdbc.sql(SHARE_SELECT + " where s.image_id = :image order by a.name")
			.param("image", imageId)
			.query((rs, n) -> shareRow(rs, today))
			.list();
	}

	/** The share of an image with one account, as the Sharing tab shows it; a 404 once revoked (meanwhile). */
	public ShareRow row(Share share) {
		return this.jdbc.sql(SHARE_SELECT + " where s.id = :id")
			.param("id", share.id())
			.query((rs, n) -> shareRow(rs, UtcDay.today(this.clock)))
			.optional()
			.orElseThrow(() -> new NotFoundException("problem.404.share"));
	}

	/**
	 * Shares of the images of the user's account that the user may read, newest first: read in the
	 * order of the account's index (V13), each image found by its key and tested against the policy,
	 * until the page is full. The account is tested on the share, not on the image: with a condition
	 * on the image's account, H2 looked each image up in a list index of the account's images instead
	 * of by its key (30 s at issue 9's size).
	 */
	public List<SharedByMe> sharedBy(BerthUser user, int limit, long offset) {
		LocalDate today = UtcDay.today(this.clock);
		SqlCondition readable = SqlCondition.of("s.owner_account = :owner", "owner", user.accountName())
			.and(this.policy.accountImagesAtLeast(user, Permission.READ, "i.organization_id", "i.id"));
		return this.jdbc
			.sql(SHARE_SELECT + " join image i on i.id = s.image_id where " + readable.sql()
					+ " order by s.owner_account desc, s.created_at desc, s.id desc limit :limit offset :offset")
			.params(readable.params())
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new SharedByMe(rs.getString("image_organization") + "/" + rs.getString("image_name"),
					shareRow(rs, today)))
			.list();
	}

	/**
	 * Images shared with the user's account, filtered, sorted and paged like the other My Images tabs:
	 * a page a Next or Previous link asks for is read on or back from its row ({@link ImageFilter#read}),
	 * so that a deep page costs what the first one does.
	 */
	public PageOf<ReceivedImage> sharedWith(BerthUser user, ImageFilter filter) {
		SqlCondition received = received(user);
		PageOf<ReceivedImage> page = filter.read(received.and(filter.condition("s.image_name", "s.image_organization")),
				"s.grantee_account_id", RECEIVED_SORTS, "s.id", CURSOR, user.reachesSharedImages() ? received : null,
				(listed, order, offset, counted, skipped) -> page(filter, listed, order, offset, counted, skipped));
		return page.isPastEnd() ? sharedWith(user, filter.withPage(page.pages())) : page;
	}

	/** One page of received shares as {@link ImageFilter.PageReader} reads it. */
	private PageOf<ReceivedImage> page(ImageFilter filter, SqlCondition listed, String order, long offset,
			SqlCondition counted, long skipped) {
		long cap = PageOf.countedTo(filter.page(), filter.size(), skipped) + 1;
		LocalDate today = UtcDay.today(this.clock);
		List<Counted<ReceivedImage>> rows = received(listed.and(counted), listed.sql(),
				", " + PageOf.countColumn("image_share s", counted.sql()), order,
				filter.orderBy("s.grantee_account_id", RECEIVED_SORTS, "s.id"), filter.size(), offset)
			.param("cap", cap)
			.query((rs, n) -> new Counted<>(receivedImage(rs, today), rs.getLong("counted")))
			.list();
		return PageOf.counted(rows, filter.page(), filter.size(), skipped,
				() -> this.jdbc.sql(PageOf.countQuery("image_share s", counted.sql()))
					.params(counted.params())
					.param("cap", cap)
					.query(Long.class)
					.single());
	}

	/** Images shared with the user's account by name, for the API. */
	public List<ReceivedImage> sharedWith(BerthUser user, int limit, long offset) {
		LocalDate today = UtcDay.today(this.clock);
		String order = "s.grantee_account_id asc, s.image_organization asc, s.image_name asc, s.id asc";
		SqlCondition received = received(user);
		return received(received, received.sql(), "", order, order, limit, offset)
			.query((rs, n) -> receivedImage(rs, today))
			.list();
	}

	/**
	 * The shares of the user's account, but none of an account whose shares the operator suspended,
	 * and none to a request whose access token leaves shared images out.
	 */
	private SqlCondition received(BerthUser user) {
		if (!user.reachesSharedImages()) {
			return SqlCondition.NEVER;
		}
		SqlCondition received = SqlCondition.of("s.grantee_account_id = :account", "account", user.accountId());
		List<String> suspended = this.standing.notGivingShares();
		return suspended.isEmpty() ? received
				: received.and(SqlCondition.of("s.owner_account not in (:suspended)", "suspended", suspended));
	}

	/**
	 * The statement of a page of received shares: the rows {@code where} keeps, read in
	 * {@code order} and shown in {@code shownOrder}; {@code count} is its count column or nothing, and
	 * {@code bound} every parameter of the two.
	 */
	private StatementSpec received(SqlCondition bound, String where, String count, String order, String shownOrder,
			int limit, long offset) {
		return this.jdbc.sql(RECEIVED_PAGE.formatted(count, where, order, shownOrder))
			.params(bound.params())
			.param("limit", limit)
			.param("offset", offset);
	}

	private static ReceivedImage receivedImage(ResultSet rs, LocalDate today) throws SQLException {
		LocalDate validUntil = rs.getObject("valid_until", LocalDate.class);
		return new ReceivedImage(rs.getLong("image_id"), rs.getString("owner_account"), rs.getString("image_organization"),
				rs.getString("image_name"), Expiry.of(validUntil, today), rs.getString("description"),
				rs.getString("created_by"), instant(rs, "created_at"), rs.getInt("image_tag_count"),
				rs.getLong("image_size"), instant(rs, "image_updated_at"));
	}

	private static ShareRow shareRow(ResultSet rs, LocalDate today) throws SQLException {
		LocalDate validUntil = rs.getObject("valid_until", LocalDate.class);
		Pulls pulls = new Pulls(rs.getLong("pull_count"), instant(rs, "last_pull_at"),
				rs.getString("last_pull_user"), rs.getString("last_pull_token"), rs.getString("last_pull_tag"), rs.getString("last_pull_digest"));
		return new ShareRow(rs.getLong("id"), rs.getLong("image_id"), rs.getString("account"), validUntil,
				rs.getString("permission"), rs.getString("description"), rs.getString("created_by"),
				instant(rs, "created_at"), instant(rs, "updated_at"), Share.validOn(validUntil, today),
				rs.getLong("grantee_account_id"), pulls, rs.getBoolean("grantee_disabled"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** A share of one of the account's images, with the image's path. */
	public record SharedByMe(String image, ShareRow share) {

	}

}
