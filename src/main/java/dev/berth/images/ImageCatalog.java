package dev.berth.images;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.berth.accounts.BerthUser;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.organizations.Permission;
import dev.berth.support.PageOf;
import dev.berth.support.SqlCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds images by path and lists them for a user: filtering, sorting and paging happen in SQL,
 * and who may read what is the {@link AccessPolicy}'s condition.
 */
@Component
public class ImageCatalog {

	private static final String ROW_SELECT = """
			select i.id, o.name as organization, i.name, a.name as owner, i.visibility,
			       (select count(*) from tag t where t.image_id = i.id) as tag_count,
			       (select coalesce(sum(t.size), 0) from tag t where t.image_id = i.id) as size,
			       i.updated_at as last_update, i.share_count
			from image i
			join organization o on o.id = i.organization_id
			join account a on a.id = o.account_id
			""";

	private final JdbcClient jdbc;

	private final OrganizationRepository organizations;

	private final ImageRepository images;

	private final AccessPolicy policy;

	ImageCatalog(JdbcClient jdbc, OrganizationRepository organizations, ImageRepository images, AccessPolicy policy) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.images = images;
		this.policy = policy;
	}

	/** The image {@code organization/name}, whoever owns it. Visibility is the caller's decision. */
	public Optional<CatalogImage> find(String organization, String name) {
		return this.organizations.findByName(organization)
			.flatMap(org -> this.images.findByOrganizationIdAndName(org.id(), name)
				.map(image -> new CatalogImage(org, image)));
	}

	/** The image {@code organization/name} from a full repository path. */
	public Optional<CatalogImage> findByPath(String repository) {
		int slash = (repository != null) ? repository.indexOf('/') : -1;
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
		SqlCondition readable = this.policy.imagesAtLeast(user, Permission.READ, "o.account_id", "i.organization_id",
				"i.id");
		StringBuilder where = new StringBuilder(" where i.visibility = :visibility and ").append(readable.sql());
		readable.addTo(params);
		params.put("visibility", visibility.name());
		if (filter.shared()) {
			where.append(" and i.share_count > 0");
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
		SqlCondition search = filter.condition("i.name", "o.name");
		where.append(" and ").append(search.sql());
		search.addTo(params);
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
				rs.getLong("size"), rs.getObject("last_update", OffsetDateTime.class).toInstant(),
				rs.getInt("share_count"));
	}

	/** The organizations the user sees, for the Private Images filter. */
	public List<String> organizationNames(BerthUser user) {
		SqlCondition seen = this.policy.organizationsSeen(user, "o.account_id", "o.id");
		return this.jdbc.sql("select o.name from organization o where " + seen.sql() + " order by o.name")
			.params(seen.params())
			.query(String.class)
			.list();
	}

	/** Organizations that hold a public image of the user's region. */
	public List<String> publicOrganizationNames(BerthUser user) {
		return this.jdbc.sql("""
				select o.name from organization o
				join account a on a.id = o.account_id
				where a.region = :region
				  and exists (select 1 from image i where i.organization_id = o.id and i.visibility = 'PUBLIC')
				order by o.name
				""").param("region", user.region()).query(String.class).list();
	}

	/**
	 * Takes one of the image's {@code max} share places, in the caller's transaction: the update
	 * locks the image row, so concurrent shares of one image queue here and the count stays exact.
	 * Returns false when all places are taken.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean reserveShare(long imageId, int max) {
		return this.jdbc.sql("update image set share_count = share_count + 1 where id = :id and share_count < :max")
			.param("id", imageId)
			.param("max", max)
			.update() == 1;
	}

	/** Gives a share place back (the share was revoked), in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void releaseShare(long imageId) {
		this.jdbc.sql("update image set share_count = share_count - 1 where id = :id and share_count > 0")
			.param("id", imageId)
			.update();
	}

	/** An image with its organization. */
	public record CatalogImage(Organization organization, Image image) {

		public String path() {
			return this.organization.name() + "/" + this.image.name();
		}

	}

}
