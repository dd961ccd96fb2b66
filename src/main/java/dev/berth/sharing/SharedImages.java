package dev.berth.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.accounts.BerthUser;
import dev.berth.audit.PullLog;
import dev.berth.audit.PullLog.PullSummary;
import dev.berth.images.ImageFilter;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Permission;
import dev.berth.support.PageOf;
import dev.berth.support.SqlCondition;
import dev.berth.support.UtcDay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read models of sharing: an image's shares with their pulls (the Sharing tab), the images shared
 * with an account (Images From Others) and the shares of an account's images (the API).
 */
@Component
public class SharedImages {

	private static final String SHARE_SELECT = """
			select s.id, s.image_id, a.name as account, s.grantee_account_id, s.valid_until, s.permission,
			       s.description, s.created_by, s.created_at, s.updated_at, o.name as organization,
			       i.name as image_name
			from image_share s
			join account a on a.id = s.grantee_account_id
			join image i on i.id = s.image_id
			join organization o on o.id = i.organization_id
			""";

	private static final String RECEIVED_FROM = """
			 from image_share s
			 join image i on i.id = s.image_id
			 join organization o on o.id = i.organization_id
			 join account a on a.id = o.account_id
			""";

	private final JdbcClient jdbc;

	private final AccessPolicy policy;

	private final PullLog pulls;

	private final Clock clock;

	SharedImages(JdbcClient jdbc, AccessPolicy policy, PullLog pulls, Clock clock) {
		this.jdbc = jdbc;
		this.policy = policy;
		this.pulls = pulls;
		this.clock = clock;
	}

	/** The shares of one image, by account name. */
	public List<ShareRow> forImage(long imageId) {
		LocalDate today = UtcDay.today(this.clock);
		Map<Long, PullSummary> pulls = this.pulls.summaries(imageId);
		return this.jdbc.sql(SHARE_SELECT + " where s.image_id = :image order by a.name")
			.param("image", imageId)
			.query((rs, n) -> shareRow(rs, today, pulls))
			.list();
	}

	/** The grantee's pulls of a shared image. */
	public PullSummary pullsOf(Share share) {
		return this.pulls.summaries(share.imageId()).getOrDefault(share.granteeAccountId(), PullSummary.NONE);
	}

	/** Shares of the images of the user's account that the user may read, newest first. */
	public List<SharedByMe> sharedBy(BerthUser user, int limit, long offset) {
		LocalDate today = UtcDay.today(this.clock);
		Map<String, Object> params = new LinkedHashMap<>();
		SqlCondition readable = this.policy.imagesAtLeast(user, Permission.READ, "o.account_id", "i.organization_id",
				"i.id");
		readable.addTo(params);
		List<SharedByMe> rows = this.jdbc
			.sql(SHARE_SELECT + " where " + readable.sql()
					+ " order by s.created_at desc, s.id desc limit :limit offset :offset")
			.params(params)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new SharedByMe(rs.getString("organization") + "/" + rs.getString("image_name"),
					shareRow(rs, today, Map.of())))
			.list();
		Map<Long, Map<Long, PullSummary>> pullsByImage = new LinkedHashMap<>();
		return rows.stream().map(row -> {
			Map<Long, PullSummary> pulls = pullsByImage.computeIfAbsent(row.share().imageId(), this.pulls::summaries);
			return new SharedByMe(row.image(), row.share().withPulls(pulls));
		}).toList();
	}

	/** Images shared with the user's account, filtered, sorted and paged like the other My Images tabs. */
	public PageOf<ReceivedImage> sharedWith(BerthUser user, ImageFilter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		SqlCondition search = filter.condition("i.name", "o.name");
		String where = " where s.grantee_account_id = :account and " + search.sql();
		params.put("account", user.accountId());
		search.addTo(params);
		long total = this.jdbc.sql("select count(*)" + RECEIVED_FROM + where).params(params).query(Long.class).single();
		List<ReceivedImage> rows = received(where, params, filter.orderBy(), filter.size(), filter.offset());
		return new PageOf<>(rows, filter.page(), filter.size(), total);
	}

	/** Images shared with the user's account by name, for the API. */
	public List<ReceivedImage> sharedWith(BerthUser user, int limit, long offset) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("account", user.accountId());
		return received(" where s.grantee_account_id = :account", params, "organization asc, name asc, id asc", limit,
				offset);
	}

	private List<ReceivedImage> received(String where, Map<String, Object> params, String orderBy, int limit,
			long offset) {
		LocalDate today = UtcDay.today(this.clock);
		return this.jdbc.sql("""
				select * from (
				  select i.id, a.name as owner, o.name as organization, i.name, s.valid_until,
				         (select count(*) from tag t where t.image_id = i.id) as tag_count,
				         (select coalesce(sum(t.size), 0) from tag t where t.image_id = i.id) as size,
				         i.updated_at as last_update
				""" + RECEIVED_FROM + where + ") r order by " + orderBy + " limit :limit offset :offset")
			.params(params)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> {
				LocalDate validUntil = rs.getObject("valid_until", LocalDate.class);
				return new ReceivedImage(rs.getLong("id"), rs.getString("owner"), rs.getString("organization"),
						rs.getString("name"), validUntil, Share.validOn(validUntil, today), rs.getInt("tag_count"),
						rs.getLong("size"), instant(rs, "last_update"));
			})
			.list();
	}

	/** Organizations of the images shared with the user's account (the filter's choices). */
	public List<String> sharedWithOrganizations(BerthUser user) {
		return this.jdbc.sql("""
				select distinct o.name from image_share s
				join image i on i.id = s.image_id
				join organization o on o.id = i.organization_id
				where s.grantee_account_id = :account
				order by o.name
				""").param("account", user.accountId()).query(String.class).list();
	}

	private static ShareRow shareRow(ResultSet rs, LocalDate today, Map<Long, PullSummary> pulls)
			throws SQLException {
		LocalDate validUntil = rs.getObject("valid_until", LocalDate.class);
		return new ShareRow(rs.getLong("id"), rs.getLong("image_id"), rs.getString("account"), validUntil,
				rs.getString("permission"), rs.getString("description"), rs.getString("created_by"),
				instant(rs, "created_at"), instant(rs, "updated_at"), Share.validOn(validUntil, today),
				rs.getLong("grantee_account_id"),
				pulls.getOrDefault(rs.getLong("grantee_account_id"), PullSummary.NONE));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** A share of one of the account's images, with the image's path. */
	public record SharedByMe(String image, ShareRow share) {

	}

}
