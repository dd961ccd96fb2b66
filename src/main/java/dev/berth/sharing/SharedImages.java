package dev.berth.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.accounts.AccessPolicy;
import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageFilter;
import dev.berth.images.PageOf;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read models of sharing: an image's shares with their pulls (the Sharing tab), the images shared
 * with an account (Images From Others) and the shares of an account's images (the API).
 */
@Component("sharedImages")
public class SharedImages {

	private static final String SHARE_SELECT = """
			select s.id, s.image_id, a.name as account, s.valid_until, s.permission, s.description, s.created_by,
			       s.created_at, s.updated_at, coalesce(lp.pulls, 0) as pulls, lp.pulled_at, lp.username, lp.tag,
			       lp.digest, o.name as organization, i.name as image_name
			from image_share s
			join account a on a.id = s.grantee_account_id
			join image i on i.id = s.image_id
			join organization o on o.id = i.organization_id
			left join (select p.image_id, p.puller_account_id, p.pulled_at, p.username, p.tag, p.digest,
			                  count(*) over (partition by p.image_id, p.puller_account_id) as pulls,
			                  row_number() over (partition by p.image_id, p.puller_account_id
			                                     order by p.pulled_at desc, p.id desc) as rn
			           from pull_event p) lp
			       on lp.image_id = s.image_id and lp.puller_account_id = s.grantee_account_id and lp.rn = 1
			""";

	private static final String RECEIVED_FROM = """
			 from image_share s
			 join image i on i.id = s.image_id
			 join organization o on o.id = i.organization_id
			 join account a on a.id = o.account_id
			""";

	private final JdbcClient jdbc;

	private final ShareService service;

	SharedImages(JdbcClient jdbc, ShareService service) {
		this.jdbc = jdbc;
		this.service = service;
	}

	/** The shares of one image, by account name. */
	public List<ShareRow> forImage(long imageId) {
		LocalDate today = this.service.today();
		return this.jdbc.sql(SHARE_SELECT + " where s.image_id = :image order by a.name")
			.param("image", imageId)
			.query((rs, n) -> shareRow(rs, today))
			.list();
	}

	/** Shares of the images of the user's account that the user may read, newest first. */
	public List<SharedByMe> sharedBy(BerthUser user, int limit, long offset) {
		LocalDate today = this.service.today();
		StringBuilder where = new StringBuilder(" where o.account_id = :account");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("account", user.accountId());
		if (!user.administrator()) {
			where.append(" and ").append(AccessPolicy.readableByGrantSql());
			params.put("user", user.id());
		}
		return this.jdbc.sql(SHARE_SELECT + where + " order by s.created_at desc, s.id desc limit :limit offset :offset")
			.params(params)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new SharedByMe(rs.getString("organization") + "/" + rs.getString("image_name"),
					shareRow(rs, today)))
			.list();
	}

	/** Images shared with the user's account, filtered, sorted and paged like the other My Images tabs. */
	public PageOf<ReceivedImage> sharedWith(BerthUser user, ImageFilter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder where = new StringBuilder(" where s.grantee_account_id = :account");
		params.put("account", user.accountId());
		if (!filter.q().isEmpty()) {
			where.append(" and lower(i.name) like :q escape '\\'");
			params.put("q", filter.likePattern());
		}
		if (!filter.org().isEmpty()) {
			where.append(" and o.name = :org");
			params.put("org", filter.org());
		}
		long total = this.jdbc.sql("select count(*)" + RECEIVED_FROM + where).params(params).query(Long.class).single();
		List<ReceivedImage> rows = received(where.toString(), params, filter.orderBy(), filter.size(), filter.offset());
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
		LocalDate today = this.service.today();
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
						rs.getString("name"), validUntil, validUntil == null || !today.isAfter(validUntil),
						rs.getInt("tag_count"), rs.getLong("size"), instant(rs, "last_update"));
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

	private static ShareRow shareRow(ResultSet rs, LocalDate today) throws SQLException {
		LocalDate validUntil = rs.getObject("valid_until", LocalDate.class);
		return new ShareRow(rs.getLong("id"), rs.getLong("image_id"), rs.getString("account"), validUntil,
				rs.getString("permission"), rs.getString("description"), rs.getString("created_by"),
				instant(rs, "created_at"), instant(rs, "updated_at"), validUntil == null || !today.isAfter(validUntil),
				rs.getLong("pulls"), instant(rs, "pulled_at"), rs.getString("username"), rs.getString("tag"),
				rs.getString("digest"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** A share of one of the account's images, with the image's path. */
	public record SharedByMe(String image, ShareRow share) {

	}

}
