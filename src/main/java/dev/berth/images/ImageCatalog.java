package dev.berth.images;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.accounts.AccessPolicy;
import dev.berth.accounts.BerthUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds images by path and lists them for a user: filtering, sorting and paging happen in SQL.
 */
@Component
public class ImageCatalog {

	private static final String ROW_SELECT = """
			select i.id, o.name as organization, i.name, a.name as owner, i.visibility,
			       (select count(*) from tag t where t.image_id = i.id) as tag_count,
			       (select coalesce(sum(t.size), 0) from tag t where t.image_id = i.id) as size,
			       i.updated_at as last_update,
			       (select count(*) from image_share s where s.image_id = i.id) as share_count
			from image i
			join organization o on o.id = i.organization_id
			join account a on a.id = o.account_id
			""";

	private final JdbcClient jdbc;

	private final OrganizationRepository organizations;

	private final ImageRepository images;

	ImageCatalog(JdbcClient jdbc, OrganizationRepository organizations, ImageRepository images) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.images = images;
	}

	/** The image {@code organization/name}, whoever owns it. Visibility is the caller's decision. */
	public Optional<CatalogImage> find(String organization, String name) {
		return this.organizations.findByName(organization)
			.flatMap(org -> this.images.findByOrganizationIdAndName(org.id(), name)
				.map(image -> new CatalogImage(org, image)));
	}

	/** The image {@code organization/name} from a full repository path. */
	public Optional<CatalogImage> findByPath(String repository) {
		int slash = repository.indexOf('/');
		if (slash <= 0 || slash == repository.length() - 1) {
			return Optional.empty();
		}
		return find(repository.substring(0, slash), repository.substring(slash + 1));
	}

	public Optional<CatalogImage> findById(long imageId) {
		return this.images.findById(imageId)
			.flatMap(image -> this.organizations.findById(image.organizationId())
				.map(org -> new CatalogImage(org, image)));
	}

	/** Images of the user's own account with the given type that the user may read. */
	public PageOf<ImageRow> ownImages(BerthUser user, Visibility visibility, ImageFilter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder where = new StringBuilder(" where o.account_id = :account and i.visibility = :visibility");
		params.put("account", user.accountId());
		params.put("visibility", visibility.name());
		if (!user.administrator()) {
			where.append(" and ").append(AccessPolicy.readableByGrantSql());
			params.put("user", user.id());
		}
		if (filter.shared()) {
			where.append(" and exists (select 1 from image_share s where s.image_id = i.id)");
		}
		return page(where, params, filter);
	}

	/** Public images of every account of the user's region. */
	public PageOf<ImageRow> publicImages(BerthUser user, ImageFilter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder where = new StringBuilder(" where a.region = :region and i.visibility = 'PUBLIC'");
		params.put("region", user.region());
		return page(where, params, filter);
	}

	private PageOf<ImageRow> page(StringBuilder where, Map<String, Object> params, ImageFilter filter) {
		if (!filter.q().isEmpty()) {
			where.append(" and lower(i.name) like :q escape '\\'");
			params.put("q", filter.likePattern());
		}
		if (!filter.org().isEmpty()) {
			where.append(" and o.name = :org");
			params.put("org", filter.org());
		}
		long total = this.jdbc.sql("select count(*) from image i join organization o on o.id = i.organization_id"
				+ " join account a on a.id = o.account_id" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<ImageRow> rows = this.jdbc
			.sql("select * from (" + ROW_SELECT + where + ") r order by " + filter.orderBy()
					+ " limit :limit offset :offset")
			.params(params)
			.param("limit", filter.size())
			.param("offset", filter.offset())
			.query(ImageCatalog::row)
			.list();
		return new PageOf<>(rows, filter.page(), filter.size(), total);
	}

	static ImageRow row(ResultSet rs, int n) throws SQLException {
		return new ImageRow(rs.getLong("id"), rs.getString("organization"), rs.getString("name"),
				rs.getString("owner"), Visibility.valueOf(rs.getString("visibility")), rs.getInt("tag_count"),
				rs.getLong("size"), rs.getObject("last_update", java.time.OffsetDateTime.class).toInstant(),
				rs.getInt("share_count"));
	}

	/** Whether the user holds Manage on anything of their account, so may share some private image. */
	public boolean managesAnything(BerthUser user) {
		if (user.administrator()) {
			return true;
		}
		return this.jdbc.sql("""
				select (select count(*) from organization_grant where user_id = :user and permission = 'MANAGE')
				     + (select count(*) from image_grant where user_id = :user and permission = 'MANAGE')
				""").param("user", user.id()).query(Integer.class).single() > 0;
	}

	/** Organizations of the user's account that hold at least one image the user may read. */
	public List<String> organizationNames(BerthUser user) {
		if (user.administrator()) {
			return this.organizations.findByAccountIdOrderByName(user.accountId())
				.stream()
				.map(Organization::name)
				.toList();
		}
		return this.jdbc.sql("""
				select distinct o.name from organization o
				where o.account_id = :account
				  and (exists (select 1 from organization_grant g where g.organization_id = o.id and g.user_id = :user)
				       or exists (select 1 from image i join image_grant ig on ig.image_id = i.id
				                  where i.organization_id = o.id and ig.user_id = :user))
				order by o.name
				""").param("account", user.accountId()).param("user", user.id()).query(String.class).list();
	}

	/** Organizations that hold a public image of the user's region. */
	public List<String> publicOrganizationNames(BerthUser user) {
		return this.jdbc.sql("""
				select distinct o.name from organization o
				join account a on a.id = o.account_id
				where a.region = :region
				  and exists (select 1 from image i where i.organization_id = o.id and i.visibility = 'PUBLIC')
				order by o.name
				""").param("region", user.region()).query(String.class).list();
	}

	public record CatalogImage(Organization organization, Image image) {

		public String path() {
			return this.organization.name() + "/" + this.image.name();
		}

	}

}
