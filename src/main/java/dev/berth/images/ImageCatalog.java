package dev.berth.images;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.berth.accounts.Account;
import dev.berth.accounts.BerthUser;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Organization;
import dev.berth.organizations.Permission;
import dev.berth.support.NotFoundException;
import dev.berth.support.PageOf;
import dev.berth.support.PageOf.Counted;
import dev.berth.support.SqlCondition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds images by path and lists them for a user: filtering, sorting and paging happen in SQL,
 * and who may read what is the {@link AccessPolicy}'s condition.
 * <p>
 * One class on purpose: My Images and public images share one page query, its sorts and the
 * indexes they are read from (V9); the filter's organization choices belong with them.
 */
@Component
public class ImageCatalog {

	/**
	 * One page of list rows: first the ids of the page, read in order from the list's index (a deep
	 * page skips index entries, not rows), then those rows with their columns; every figure is kept
	 * on the image row itself. The newest tag and whether the user may share are read for the rows
	 * of the page only, and the list's count with them (PageOf#countColumn). The slots: the
	 * condition of "may share", the count, the list's condition, the order it is read in, the order
	 * it is shown in (the same, but for a page read back from the page after it).
	 */
	private static final String PAGE = """
			select i.id, i.organization_name, i.name, a.name as owner, i.visibility, i.tag_count, i.total_size,
			       i.updated_at, i.share_count, i.description,
			       (select t.name from tag t where t.image_id = i.id order by t.pushed_at desc, t.name limit 1) as newest_tag,
			       case when %s then 1 else 0 end as may_share, %s
			from (select i.id from image i where %s order by %s limit :limit offset :offset) p
			join image i on i.id = p.id
			join account a on a.id = i.account_id
			order by %s
			""";

	/**
	 * An image with its organization and owner account, a row per tag (one row if it has none); the
	 * condition follows.
	 */
	private static final String IMAGE_WITH_TAGS = """
			select o.id as organization_id, o.name as organization, o.account_id, o.created_at as organization_created_at,
			       a.name as owner, a.region as owner_region, a.created_at as owner_created_at,
			       i.id, i.name, i.visibility, i.category, i.description, i.created_at, i.updated_at, i.share_count,
			       t.name as tag, t.digest, t.size, t.pushed_at
			from organization o
			join image i on i.organization_id = o.id
			join account a on a.id = o.account_id
			left join tag t on t.image_id = i.id
			""";

	/** The image a page is read on or back from ({@link ImageFilter#readOn}). */
	private static final String CURSOR = "from image i where i.id = :cursor";

	/** The most organizations a filter lists as choices. */
	static final int MAX_CHOICES = 100;

	/**
	 * What each sort of My Images orders by; each has an index on (account, type, column, id) in the
	 * sort's first direction (V9).
	 */
	private static final Map<String, String> SORTS = Map.of("name", "i.organization_name, i.name", "updated",
			"i.updated_at", "size",
			"i.total_size", "tags", "i.tag_count");

	private final JdbcClient jdbc;

	private final AccessPolicy policy;

	private final ImageRepository images;

	ImageCatalog(JdbcClient jdbc, AccessPolicy policy, ImageRepository images) {
		this.jdbc = jdbc;
		this.policy = policy;
		this.images = images;
	}

	/**
	 * The image {@code organization/name}, whoever owns it, with its organization, owner and tags, in
	 * one statement (every image page starts here; the repositories' mapping of the same rows took
	 * four statements and a sixth of a Sharing tab's time). Visibility is the caller's decision.
	 */
	public Optional<CatalogImage> find(String organization, String name) {
		return this.jdbc.sql(IMAGE_WITH_TAGS + "where o.name = :organization and i.name = :name")
			.param("organization", organization)
			.param("name", name)
			.query(ImageCatalog::catalogImage);
	}

	/**
	 * What a registry token needs of the image {@code organization/name}: its organization, id and
	 * visibility, read in one short query without the image's tags (a token request costs less than
	 * a third of a page; loading the whole image was a fifth of it, and each round trip to
	 * PostgreSQL counts), and whether the image (aliased {@code i}) matches the caller's
	 * {@code condition}, in the same statement ({@link SqlCondition#NEVER} when there is nothing to ask).
	 */
	public Optional<ImageKey> findKey(String organization, String name, SqlCondition condition) {
		return this.jdbc.sql("""
				select o.id as organization_id, o.account_id, o.region, o.created_at, i.id, i.visibility,
				       case when %s then 1 else 0 end as matches
				from organization o join image i on i.organization_id = o.id
				where o.name = :organization and i.name = :name
				""".formatted(condition.sql()))
			.params(condition.params())
			.param("organization", organization)
			.param("name", name)
			.query((rs, n) -> new ImageKey(
					new Organization(rs.getLong("organization_id"), organization, rs.getLong("account_id"),
							rs.getString("region"), instant(rs, "created_at")),
					rs.getLong("id"), Visibility.valueOf(rs.getString("visibility")), rs.getInt("matches") == 1))
			.optional();
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
		return this.jdbc.sql(IMAGE_WITH_TAGS + "where i.id = :id").param("id", imageId).query(ImageCatalog::catalogImage);
	}

	/** The image of the rows of {@link #IMAGE_WITH_TAGS} (one a tag, or one without a tag), if any. */
	private static Optional<CatalogImage> catalogImage(ResultSet rs) throws SQLException {
		if (!rs.next()) {
			return Optional.empty();
		}
		Organization organization = new Organization(rs.getLong("organization_id"), rs.getString("organization"),
				rs.getLong("account_id"), rs.getString("owner_region"), instant(rs, "organization_created_at"));
		Account owner = new Account(organization.accountId(), rs.getString("owner"), rs.getString("owner_region"),
				instant(rs, "owner_created_at"));
		long id = rs.getLong("id");
		String name = rs.getString("name");
		Visibility visibility = Visibility.valueOf(rs.getString("visibility"));
		String category = rs.getString("category");
		String description = rs.getString("description");
		Instant createdAt = instant(rs, "created_at");
		Instant updatedAt = instant(rs, "updated_at");
		int shareCount = rs.getInt("share_count");
		Set<Tag> tags = new HashSet<>();
		do {
			String tag = rs.getString("tag");
			if (tag != null) {
				tags.add(new Tag(tag, rs.getString("digest"), rs.getLong("size"), instant(rs, "pushed_at")));
			}
		}
		while (rs.next());
		return Optional.of(new CatalogImage(organization, new Image(id, organization.id(), organization.accountId(),
				organization.region(), organization.name(), name, visibility, category, description, createdAt, updatedAt,
				tags, 0, 0, shareCount), owner));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	/** Images of the user's own account with the given type that the user may read. */
	public PageOf<ImageRow> ownImages(BerthUser user, Visibility visibility, ImageFilter filter) {
		SqlCondition where = this.policy.imagesHeld(user, Permission.READ, "i.account_id", "i.organization_id", "i.id")
			.and(SqlCondition.of("i.visibility = :visibility", "visibility", visibility.name()));
		if (filter.shared()) {
			where = where.and(SqlCondition.of("i.share_count > 0"));
		}
		SqlCondition shareable = (visibility == Visibility.PRIVATE)
				? this.policy.imagesAtLeast(user, Permission.MANAGE, "i.account_id", "i.organization_id", "i.id")
				: SqlCondition.NEVER;
		return page(where, "i.account_id, i.visibility", filter, shareable);
	}

	/** Public images of every account of the user's region; no one shares from this list. */
	public PageOf<ImageRow> publicImages(BerthUser user, ImageFilter filter) {
		return page(SqlCondition.of("i.visibility = 'PUBLIC'")
			.and(SqlCondition.of("i.region = :region", "region", user.region())), "i.visibility, i.region", filter,
				SqlCondition.NEVER);
	}

	/**
	 * One page, sorted and cut in SQL on the image table's own columns; {@code leading} are the
	 * columns {@code where} holds to one value, with which the list's indexes begin. Read on, back or
	 * by its number as {@link ImageFilter#read} says.
	 */
	private PageOf<ImageRow> page(SqlCondition where, String leading, ImageFilter filter, SqlCondition shareable) {
		PageOf<ImageRow> page = filter.read(where.and(filter.condition("i.name", "i.organization_name")), leading, SORTS,
				"i.id", CURSOR, where, (listed, order, offset, counted, skipped) -> read(listed, order, offset, counted,
						skipped, leading, filter, shareable));
		return page.isPastEnd() ? page(where, leading, filter.withPage(page.pages()), shareable) : page;
	}

	/** One page of images as {@link ImageFilter.PageReader} reads it. */
	private PageOf<ImageRow> read(SqlCondition listed, String order, long offset, SqlCondition counted, long skipped,
			String leading, ImageFilter filter, SqlCondition shareable) {
		long cap = PageOf.countedTo(filter.page(), filter.size(), skipped) + 1;
		List<Counted<ImageRow>> rows = this.jdbc
			.sql(PAGE.formatted(shareable.sql(), PageOf.countColumn("image i", counted.sql()), listed.sql(), order,
					filter.orderBy(leading, SORTS, "i.id")))
			.params(listed.and(counted).and(shareable).params())
			.param("cap", cap)
			.param("limit", filter.size())
			.param("offset", offset)
			.query((rs, n) -> new Counted<>(row(rs, n), rs.getLong("counted")))
			.list();
		return PageOf.counted(rows, filter.page(), filter.size(), skipped,
				() -> this.jdbc.sql(PageOf.countQuery("image i", counted.sql()))
					.params(counted.params())
					.param("cap", cap)
					.query(Long.class)
					.single());
	}

	static ImageRow row(ResultSet rs, int n) throws SQLException {
		return new ImageRow(rs.getLong("id"), rs.getString("organization_name"), rs.getString("name"),
				rs.getString("owner"), Visibility.valueOf(rs.getString("visibility")), rs.getInt("tag_count"),
				rs.getLong("total_size"), rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
				rs.getInt("share_count"), rs.getString("description"), rs.getString("newest_tag"),
				rs.getInt("may_share") == 1);
	}

	/**
	 * The organizations the user sees, for the Private Images filter; null when there are more than
	 * {@link #MAX_CHOICES} (the filter is then a field to type into, not a list).
	 */
	public List<String> organizationNames(BerthUser user) {
		SqlCondition seen = this.policy.organizationsSeen(user, "o.account_id", "o.id");
		return choices(this.jdbc.sql("select o.name from organization o where " + seen.sql()
				+ " order by o.name limit " + (MAX_CHOICES + 1))
			.params(seen.params())
			.query(String.class)
			.list());
	}

	private static List<String> choices(List<String> names) {
		return (names.size() > MAX_CHOICES) ? null : names;
	}

	/**
	 * Organizations that hold a public image of the user's region; null when there are too many to
	 * list. The region's organizations are read in name order and tested one by one, so that finding
	 * the first {@value #MAX_CHOICES} + 1 reads a few hundred of them, in a small region as in a large
	 * one. Ordered by the region too, which is one value here: H2 reads organization_by_region in its
	 * order only when the ORDER BY names the index's columns (by name alone it sorted every
	 * organization of the region: 32 ms at SCALE 1).
	 */
	public List<String> publicOrganizationNames(BerthUser user) {
		return choices(this.jdbc.sql("""
				select o.name from organization o
				where o.region = :region
				  and exists (select 1 from image i where i.organization_id = o.id and i.visibility = 'PUBLIC')
				order by o.region, o.name
				""" + " limit " + (MAX_CHOICES + 1)).param("region", user.region()).query(String.class).list());
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

	/**
	 * The image's type and figures as they are now, in the caller's transaction after
	 * {@link #reserveShare} locked its row: a share taken while the image was made public finds it
	 * public here, and a share taken while a tag was pushed copies the figures with that tag. Read
	 * from the image's row alone (its maintained counts), not its tags.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Figures current(long imageId) {
		return this.jdbc.sql("select visibility, updated_at, total_size, tag_count from image where id = :id")
			.param("id", imageId)
			.query((row, number) -> new Figures(Visibility.valueOf(row.getString(1)),
					row.getObject(2, OffsetDateTime.class).toInstant(), row.getLong(3), row.getInt(4)))
			.optional()
			.orElseThrow(() -> new NotFoundException("problem.404.image"));
	}

	/** An image's type and the figures a share keeps a copy of (for Images From Others to sort by). */
	public record Figures(Visibility visibility, Instant updatedAt, long totalSize, int tagCount) {

		public static Figures of(Image image) {
			return new Figures(image.visibility(), image.updatedAt(), image.totalSize(), image.tagCount());
		}

		public boolean isPrivate() {
			return this.visibility == Visibility.PRIVATE;
		}

	}

	/**
	 * A change of an image's attributes from its edit form. {@code seen}: the attributes the form
	 * was opened with ({@link Image#attributesTag()}); null saves whatever they are now.
	 */
	public record AttributesChange(Visibility visibility, String category, String description, String seen) {
	}

	/** What became of a change of attributes, with the image as it is now. */
	public record AttributesSaved(Outcome outcome, Image current) {

		public enum Outcome {

			SAVED,

			/** Made public while shared: only private images are shared, so it stays as it was. */
			SHARED,

			/** Another user changed the attributes since the form was opened: nothing saved. */
			CHANGED_MEANWHILE,

			/** Made public by a user without Manage (it was made private since the form was read). */
			NEEDS_MANAGE

		}

	}

	/**
	 * Saves an image's attributes onto the image as it is now: its row is locked first and the image
	 * read again, so a push or another user's edit meanwhile is not undone. Only private images can
	 * be shared, so a private image is made public only while no account has a share of it: a share
	 * taken meanwhile either came first (and is counted here) or waits and then finds the image
	 * public ({@link #current}).
	 */
	@Transactional
	public AttributesSaved saveAttributes(long imageId, boolean mayPublish, AttributesChange change, Instant now) {
		Image current = this.images.lockById(imageId).orElseThrow(() -> new NotFoundException("problem.404.image"));
		if (change.seen() != null && !change.seen().equals(current.attributesTag())) {
			return new AttributesSaved(AttributesSaved.Outcome.CHANGED_MEANWHILE, current);
		}
		if (change.visibility() == Visibility.PUBLIC && current.isPrivate() && !mayPublish) {
			return new AttributesSaved(AttributesSaved.Outcome.NEEDS_MANAGE, current);
		}
		if (change.visibility() == Visibility.PUBLIC && current.shareCount() > 0) {
			return new AttributesSaved(AttributesSaved.Outcome.SHARED, current);
		}
		Image saved = this.images
			.save(current.withAttributes(change.visibility(), change.category(), change.description(), now));
		return new AttributesSaved(AttributesSaved.Outcome.SAVED, saved);
	}

	/** Locks the image's row for the caller's transaction, as a change of one of its shares takes it first. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(long imageId) {
		this.images.holdById(imageId);
	}

	/** Gives a share place back (the share was revoked), in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void releaseShare(long imageId) {
		this.jdbc.sql("update image set share_count = share_count - 1 where id = :id and share_count > 0")
			.param("id", imageId)
			.update();
	}

	/**
	 * An image's id and visibility, with its organization, and whether it matches the condition
	 * {@link #findKey} was given.
	 */
	public record ImageKey(Organization organization, long id, Visibility visibility, boolean matches) {

		public boolean isPrivate() {
			return this.visibility == Visibility.PRIVATE;
		}

	}

	/** An image with its organization and the account that owns both. */
	public record CatalogImage(Organization organization, Image image, Account owner) {

		public String path() {
			return this.organization.name() + "/" + this.image.name();
		}

	}

}
