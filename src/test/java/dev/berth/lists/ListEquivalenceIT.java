package dev.berth.lists;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import dev.berth.accounts.AccessTokens;
import dev.berth.accounts.AccessTokens.NewToken;
import dev.berth.accounts.Account;
import dev.berth.accounts.AccountRepository;
import dev.berth.accounts.BerthUser;
import dev.berth.accounts.UserAdministration;
import dev.berth.audit.Activity;
import dev.berth.audit.ActivityFilter;
import dev.berth.audit.ActivityRow;
import dev.berth.audit.AuditAction;
import dev.berth.images.Image;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageCatalog;
import dev.berth.images.ImageFilter;
import dev.berth.images.ImageRepository;
import dev.berth.images.ImageRow;
import dev.berth.images.Tag;
import dev.berth.images.Visibility;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.GrantTarget;
import dev.berth.organizations.Grants;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.organizations.Permission;
import dev.berth.sharing.ReceivedImage;
import dev.berth.sharing.ShareForm;
import dev.berth.sharing.ShareService;
import dev.berth.sharing.ShareRow;
import dev.berth.sharing.SharedImages;
import dev.berth.sharing.SharesFilter;
import dev.berth.sharing.SharingTestBase;
import dev.berth.support.Expiry;
import dev.berth.support.PageOf;
import dev.berth.support.SqlCondition;
import dev.berth.testing.Members;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists read from kept columns and indexes (issue 9) return exactly what the queries they
 * replaced returned — the same rows, in the same order, with the same figures and totals, for
 * every demo user — over a few thousand images, shares, pulls and audit events. The reference
 * queries below are the earlier ones, verbatim: per-row subqueries over the joined tables. (In
 * mvn verify: making the data through the services takes half a minute.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// A context of its own: the thousands of rows made here stay out of the other tests' demo data.
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:lists-${random.uuid};DB_CLOSE_DELAY=-1")
class ListEquivalenceIT extends SharingTestBase {

	static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin");

	static final List<String> SORTS = List.of("name", "updated", "size", "tags");

	@Autowired
	ImageCatalog images;

	@Autowired
	SharedImages sharedImages;

	@Autowired
	Activity activity;

	@Autowired
	ImageRepository imageRepository;

	@Autowired
	OrganizationRepository organizations;

	@Autowired
	AccountRepository accounts;

	@Autowired
	ShareService service;

	@Autowired
	Grants grants;

	@Autowired
	AccessPolicy policy;

	@Autowired
	UserAdministration userAdministration;

	@Autowired
	AccessTokens tokens;

	@Override
	protected void startClean() {
		// The data of this class is made once, in seed(); every test only reads it.
	}

	/**
	 * Over 1,500 images in 30 organizations, about 600 shares with pulls (one image shared with 60
	 * accounts), and their audit events.
	 */
	@BeforeAll
	void seed() {
		super.startClean();
		Random random = new Random(9);
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		Account acme = this.accounts.findByName("acme").orElseThrow();
		List<Account> grantees = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			grantees.add(this.accounts.save(Account.create("peer-" + i, "eu-west-1", start)));
		}
		List<Image> made = new ArrayList<>();
		// Prefix names ("team", "team-a", "team.b") order differently by name and by path: kept apart.
		String[] stems = { "team", "team-a", "team.b", "apps", "apps2", "zeta" };
		for (int o = 0; o < 30; o++) {
			Organization organization = this.organizations
				.save(Organization.create(stems[o % stems.length] + "-" + (o / stems.length), acme.id(), acme.region(),
						start));
			for (int i = 0; i < 50; i++) {
				Instant at = start.plus(Duration.ofMinutes(random.nextInt(5000)));
				Image image = Image.create(organization, "svc-" + random.nextInt(40) + "-" + i,
						(i % 9 == 0) ? Visibility.PUBLIC : Visibility.PRIVATE, "Bench", "", at);
				int tags = random.nextInt(4);
				for (int t = 0; t < tags; t++) {
					// A digest has one size; the third tag, if any, names the first one's manifest again.
					int manifest = (t == 2) ? 0 : t;
					image = image.withTag(new Tag("v" + t, "sha256:%064x".formatted(made.size() * 4 + manifest),
							1000L * (1 + (made.size() + manifest) % 50), at), at);
				}
				made.add(this.imageRepository.save(image));
			}
		}
		// Public images of another region, which only its accounts list (dave's initech).
		Organization initechWeb = this.organizations.findByName("initech-web").orElseThrow();
		for (int i = 0; i < 25; i++) {
			Instant at = start.plus(Duration.ofMinutes(197L * i % 5000));
			this.imageRepository.save(Image.create(initechWeb, "site-" + i, Visibility.PUBLIC, "Bench", "", at));
		}
		BerthUser alice = user("alice");
		BerthUser bob = user("bob");
		Organization first = this.organizations.findByName("team-0").orElseThrow();
		this.grants.grant(null, GrantTarget.organization(first), Members.of(bob), Permission.READ);
		for (Image image : made.subList(200, 214)) {
			this.grants.grant(null, GrantTarget.image(this.organizations.findById(image.organizationId()).orElseThrow(),
					image.id(), image.path()), Members.of(bob), Permission.EDIT);
		}
		// frank reads more organizations than Activity reads one by one: his events are read in one pass.
		this.userAdministration.create(alice, "frank", "frank-password-1", false);
		BerthUser frank = user("frank");
		this.organizations.findAll()
			.stream()
			.filter(o -> o.accountId() == acme.id() && o.name().contains("-"))
			.limit(20)
			.forEach(o -> this.grants.grant(null, GrantTarget.organization(o), Members.of(frank), Permission.READ));
		List<String> targets = new ArrayList<>(List.of("globex", "umbrella"));
		grantees.forEach(a -> targets.add(a.name()));
		int shared = 0;
		for (Image image : made) {
			if (!image.isPrivate() || random.nextInt(3) != 0) {
				continue;
			}
			for (int s = 0; s < 1 + random.nextInt(3); s++) {
				String grantee = targets.get(random.nextInt(targets.size()));
				LocalDate until = random.nextBoolean() ? null : LocalDate.parse("2026-11-20").plusDays(random.nextInt(20));
				this.clock.set(start.plus(Duration.ofSeconds(shared++)));
				try {
					this.service.share(alice, image(alice, image.path()), new ShareForm(grantee, until, until == null, ""));
				}
				catch (RuntimeException refused) {
					// a duplicate, a date in the past: the audit keeps the refusal, which Activity lists too
				}
				if (random.nextInt(4) == 0) {
					pull(image.path(), grantee, "u-" + grantee, "v0", start.plus(Duration.ofSeconds(random.nextInt(3000))) + "");
				}
				if (shared % 40 == 0) {
					// Among them the account's side of a share it received, and access tokens' events
					// (every user sees the first, a user only their own tokens').
					receivedAndTokenEvents(shared / 40, List.of(alice, bob, frank).get(shared / 40 % 3));
				}
			}
		}
		// One image shared with more accounts than a page of its Sharing tab shows; the accounts'
		// names sort against the order they were made in.
		Image wide = made.stream().filter(Image::isPrivate).findFirst().orElseThrow();
		for (int i = 0; i < 60; i++) {
			Account peer = this.accounts.save(Account.create("wide-" + (59 - i), "eu-west-1", start));
			LocalDate until = (i % 3 == 0) ? null : LocalDate.parse("2026-11-20").plusDays(i % 7);
			this.clock.set(start.plus(Duration.ofSeconds(shared++)));
			this.service.share(alice, image(alice, wide.path()), new ShareForm(peer.name(), until, until == null, ""));
			if (i % 4 == 0) {
				pull(wide.path(), peer.name(), "u-" + peer.name(), "v0", start.plus(Duration.ofSeconds(i % 9)) + "");
			}
		}
		this.clock.reset();
	}

	private void receivedAndTokenEvents(int round, BerthUser tokenOwner) {
		BerthUser carol = user("carol");
		VisibleImage trainer = image(carol, "globex-ml/trainer");
		if (round % 2 == 1) {
			this.service.share(carol, trainer, new ShareForm("acme", null, true, ""));
		}
		else if (round > 0) {
			this.service.revoke(carol, trainer, this.service.shareWith(carol, trainer, "acme"));
		}
		var created = this.tokens.create(tokenOwner, new NewToken("ci-" + round, false, true, Set.of(), false,
				LocalDate.parse("2026-06-01")));
		if (round % 3 == 0) {
			this.tokens.revoke(tokenOwner, created.token());
		}
	}

	@Test
	void myImagesThenTheSameRowsOrderAndTotalsAsTheEarlierQuery() {
		int compared = 0;
		for (String username : USERS) {
			BerthUser user = user(username);
			for (Visibility visibility : Visibility.values()) {
				for (ImageFilter filter : filters(false)) {
					var page = this.images.ownImages(user, visibility, filter);
					Reference expected = earlierOwnImages(user, visibility,
							withinTheList(filter, earlierOwnImages(user, visibility, filter)));
					assertThat(withoutMayShare(page.items())).as(username + " " + visibility + " " + filter)
						.isEqualTo(expected.rows());
					for (ImageRow row : page.items()) {
						// The list's Share action agrees with the policy's own check.
						boolean manages = visibility == Visibility.PRIVATE && this.policy
							.onImage(user, this.organizations.findByName(row.organization()).orElseThrow(), row.id())
							.map(Permission::mayManage)
							.orElse(false);
						assertThat(row.mayShare()).as(username + " may share " + row.path()).isEqualTo(manages);
					}
					assertCounted(page, expected, username + " " + visibility + " " + filter);
					compared++;
				}
				var shared = new ImageFilter(null, null, "updated", "desc", 1, 50, true);
				assertThat(withoutMayShare(this.images.ownImages(user, visibility, shared).items()))
					.isEqualTo(earlierOwnImages(user, visibility, shared).rows());
			}
			for (ImageFilter filter : filters(false)) {
				assertThat(withoutMayShare(this.images.publicImages(user, filter).items())).as(username + " public " + filter)
					.isEqualTo(earlierPublicImages(user, withinTheList(filter, earlierPublicImages(user, filter))).rows());
			}
		}
		assertThat(compared).isEqualTo(USERS.size() * Visibility.values().length * filters(false).size());
		// alice's list is longer than it is counted for page 1: its pager says "more than".
		assertThat(this.images.ownImages(user("alice"), Visibility.PRIVATE, ImageFilter.defaults()).more()).isTrue();
	}

	@Test
	void imagesFromOthersThenTheSameRowsOrderAndTotalsAsTheEarlierQuery() {
		for (String username : List.of("carol", "erin", "alice", "dave")) {
			BerthUser user = user(username);
			for (ImageFilter filter : filters(true)) {
				var page = this.sharedImages.sharedWith(user, filter);
				Reference expected = earlierSharedWith(user, withinTheList(filter, earlierSharedWith(user, filter)));
				assertThat(page.items()).as(username + " " + filter).isEqualTo(expected.rows());
				assertCounted(page, expected, username + " " + filter);
			}
		}
		assertThat(this.sharedImages.sharedWith(user("carol"), ImageFilter.defaults()).total()).isGreaterThan(20);
	}

	@Test
	void activityThenTheSameEventsInTheSameOrderAsTheEarlierQuery() {
		for (String username : List.of("alice", "bob", "frank")) {
			BerthUser user = user(username);
			long total = this.activity.forAccount(user, ActivityFilter.none()).total();
			// Counted to one past what the first page's pager reaches, as every list.
			assertThat(total).isEqualTo(Math.min(earlierActivityCount(user), Activity.counted(1) + 1));
			for (int page = 1; page <= Math.min(6, (total + 19) / 20); page++) {
				assertThat(this.activity.forAccount(user, ActivityFilter.none().withPage(page)).items()).as(username + " page " + page)
					// Whether an image opens now is no part of the earlier query.
					.usingRecursiveFieldByFieldElementComparatorIgnoringFields("imageOpens")
					.containsExactlyElementsOf(earlierActivity(user, page));
			}
		}
		assertThat(this.activity.forAccount(user("alice"), ActivityFilter.none()).total()).isGreaterThan(500);
		assertThat(this.policy.grantedAtLeast(user("bob"), Permission.READ).size()).isEqualTo(16);
		assertThat(this.policy.grantedAtLeast(user("frank"), Permission.READ).size()).isEqualTo(20);
		for (String username : List.of("alice", "bob", "frank")) {
			List<AuditAction> seen = this.activity
				.forAccount(user(username), new ActivityFilter(null, null, null, AuditAction.SHARE_RECEIVED, null, null, 1))
				.items()
				.stream()
				.map(ActivityRow::action)
				.toList();
			assertThat(seen).as(username).isNotEmpty().containsOnly(AuditAction.SHARE_RECEIVED);
		}
	}

	@Test
	void activityFilteredByAnImageOrAnAccountThenTheEarlierQuerysRowsOfThemInTheSameOrder() {
		BerthUser alice = user("alice");
		String image = busiest(alice, "image_name", SqlCondition.ALWAYS);
		SqlCondition ofImage = SqlCondition.of("x.image_name = :fimage", "fimage", image);
		String account = busiest(alice, "account", SqlCondition.ALWAYS);
		String accountOfImage = busiest(alice, "account", ofImage);
		Map<ActivityFilter, SqlCondition> filters = new LinkedHashMap<>();
		filters.put(new ActivityFilter(image, null, null, null, null, null, null), ofImage);
		filters.put(new ActivityFilter(null, account, null, null, null, null, null),
				SqlCondition.of("x.account = :faccount", "faccount", account));
		filters.put(new ActivityFilter(image, accountOfImage, null, null, null, null, null),
				ofImage.and(SqlCondition.of("x.account = :faccount", "faccount", accountOfImage)));
		filters.forEach((filter, where) -> {
			long total = this.activity.forAccount(alice, filter).total();
			assertThat(total).as(filter.toString())
				.isEqualTo(Math.min(earlierActivityCount(alice, where), Activity.counted(1) + 1))
				.isPositive();
			for (int page = 1; page <= Math.min(4, (total + 19) / 20); page++) {
				assertThat(this.activity.forAccount(alice, filter.withPage(page)).items()).as(filter + " page " + page)
					// Whether an image opens now is no part of the earlier query.
					.usingRecursiveFieldByFieldElementComparatorIgnoringFields("imageOpens")
					.containsExactlyElementsOf(earlierActivity(alice, page, where));
			}
		});
		assertThat(this.activity.forAccount(alice, new ActivityFilter(image, null, null, null, null, null, null)).total())
			.as("rows of %s, on more than one page", image)
			.isGreaterThan(Activity.PAGE_SIZE);
	}

	/** The value of a column of the earlier Activity that most of the user's rows {@code where} keeps have. */
	private String busiest(BerthUser user, String column, SqlCondition where) {
		Map<String, Object> params = new HashMap<>(where.params());
		return this.jdbc
			.sql("select x." + column + " from (" + earlierEvents(user, params) + ") x where x." + column
					+ " is not null and " + where.sql() + " group by x." + column + " order by count(*) desc, x." + column
					+ " limit 1")
			.params(params)
			.query(String.class)
			.single();
	}

	@Test
	void sharingTabThenTheSameSharesAndPullsAsTheEarlierQuery() {
		long checked = this.jdbc.sql("select image_id from image_share group by image_id having count(*) > 1")
			.query(Long.class)
			.list()
			.stream()
			.limit(40)
			.peek(image -> assertThat(this.sharedImages.all(image).stream().map(r -> r.account() + " " + r.pullCount() + " "
					+ r.lastPullAt() + " " + r.lastPullUser()).toList()).isEqualTo(earlierShares(image)))
			.count();
		assertThat(checked).isEqualTo(40);
	}

	@Test
	void sharingTabPagesThenTheSameAccountsInTheSameOrderAsTheEarlierQuery() {
		List<Long> images = this.jdbc
			.sql("select image_id from image_share group by image_id order by count(*) desc, image_id limit 5")
			.query(Long.class)
			.list();
		assertThat(this.jdbc.sql("select count(*) from image_share where image_id = :image")
			.param("image", images.get(0))
			.query(Long.class)
			.single()).as("an image with a second page").isGreaterThan(SharesFilter.PAGE_SIZE);
		Map<String, String> earlierColumns = Map.of("account", "a.name", "validUntil",
				"coalesce(s.valid_until, date '9999-12-31')", "lastPull",
				"coalesce(s.last_pull_at, timestamp '0001-01-01 00:00:00')");
		for (long image : images) {
			for (String sort : earlierColumns.keySet()) {
				for (String dir : List.of("asc", "desc")) {
					for (int page : List.of(1, 2)) {
						PageOf<ShareRow> shares = this.sharedImages.forImage(image, new SharesFilter(sort, dir, page));
						List<String> earlier = this.jdbc.sql("select a.name from image_share s join account a on a.id = s.grantee_account_id"
								+ " where s.image_id = :image order by " + earlierColumns.get(sort) + " " + dir
								+ ", a.name asc limit 50 offset :offset")
							.param("image", image)
							.param("offset", (page - 1) * SharesFilter.PAGE_SIZE)
							.query(String.class)
							.list();
						if (!earlier.isEmpty()) {
							assertThat(shares.items().stream().map(ShareRow::account).toList())
								.as(image + " " + sort + " " + dir + " " + page)
								.isEqualTo(earlier);
						}
					}
				}
			}
		}
	}

	@Test
	void sharedByMeThenTheSameSharesInTheSameOrderAsTheEarlierQuery() {
		for (String username : List.of("alice", "bob", "frank")) {
			BerthUser user = user(username);
			for (long offset : List.of(0L, 100L, 450L)) {
				List<String> shares = this.sharedImages.sharedBy(user, 100, offset)
					.stream()
					.map(row -> row.image() + " " + row.share().account())
					.toList();
				assertThat(shares).as(username + " from " + offset).isEqualTo(earlierSharedBy(user, 100, offset));
				if (offset == 0) {
					assertThat(shares).as(username).isNotEmpty();
				}
			}
		}
	}

	private List<ImageFilter> filters(boolean received) {
		List<ImageFilter> filters = new ArrayList<>();
		for (String sort : SORTS) {
			for (String dir : List.of("asc", "desc")) {
				for (int page : List.of(1, 2, 7)) {
					filters.add(new ImageFilter(null, null, sort, dir, page, 50, false));
				}
			}
		}
		filters.add(new ImageFilter("svc-1", null, "name", "asc", 1, 50, false));
		filters.add(new ImageFilter("VC-2", null, "updated", "desc", 1, 20, false));
		filters.add(new ImageFilter(null, received ? "team-0" : "team-a-0", "size", "desc", 1, 10, false));
		filters.add(new ImageFilter("svc-3", "apps-1", "tags", "asc", 1, 10, false));
		return filters;
	}

	private static List<ImageRow> withoutMayShare(List<ImageRow> rows) {
		return rows.stream()
			.map(r -> new ImageRow(r.id(), r.organization(), r.name(), r.ownerAccount(), r.visibility(), r.tagCount(),
					r.size(), r.lastUpdate(), r.shareCount(), r.description(), r.newestTag(), false))
			.toList();
	}

	// The earlier queries, verbatim (and the columns added since, the plain way).

	@Test
	void imageListsReadOnByNextAndBackByPreviousThenTheSamePagesAsByTheirNumbers() {
		int walked = 0;
		for (String sort : List.of("name", "updated", "size", "tags", "owner", "validUntil")) {
			for (String dir : List.of("asc", "desc")) {
				for (ImageFilter first : List.of(new ImageFilter(null, null, sort, dir, 1, 10, false),
						new ImageFilter("svc-1", null, sort, dir, 1, 10, false))) {
					for (String username : List.of("carol", "erin")) {
						walked += readByNext(first, (f) -> this.sharedImages.sharedWith(user(username), f), ReceivedImage::id);
					}
					for (String username : List.of("alice", "bob", "frank")) {
						// alice's and frank's lists are about a thousand images long: read 100 at a time.
						walked += readByNext("bob".equals(username) ? first : first.withSize(100),
								(f) -> this.images.ownImages(user(username), Visibility.PRIVATE, f), ImageRow::id);
					}
					walked += readByNext(new ImageFilter(null, null, sort, dir, 1, 25, true),
							(f) -> this.images.ownImages(user("alice"), Visibility.PRIVATE, f), ImageRow::id);
					walked += readByNext(first, (f) -> this.images.publicImages(user("alice"), f), ImageRow::id);
				}
			}
		}
		// Every list is more than two pages long in every sort.
		assertThat(walked).isGreaterThanOrEqualTo(6 * 2 * (2 + 3 + 1 + 1) * 2);
	}

	/**
	 * Reads a list from {@code first} to its end by Next (each page after the last image of the page
	 * before), then back to the first page by Previous (each page before the first image of the page
	 * after), and checks each page against the same page asked for by its number: rows, total and
	 * "more". Returns how many pages it read by Next.
	 */
	private static <T> int readByNext(ImageFilter first, Function<ImageFilter, PageOf<T>> list, ToLongFunction<T> id) {
		PageOf<T> page = list.apply(first);
		ImageFilter at = first;
		int read = 0;
		while (page.hasNext()) {
			at = at.next(page, id);
			PageOf<T> next = list.apply(at);
			assertThat(next).as(at.toString()).isEqualTo(list.apply(at.withPage(at.page())));
			page = next;
			read++;
		}
		assertThat(page.last()).as(first + " read to the end").isEqualTo(page.total());
		int back = 0;
		while (page.hasPrevious()) {
			at = at.previous(page, id);
			PageOf<T> previous = list.apply(at);
			assertThat(previous).as(at.toString()).isEqualTo(list.apply(at.withPage(at.page())));
			page = previous;
			back++;
		}
		assertThat(page.page()).as(first + " read back to the start").isEqualTo(1);
		assertThat(back).isEqualTo(read);
		return read;
	}

	@Test
	void nextAndPreviousReadFromTheirImageWhateverPageTheLinkSays() {
		readFromTheirImage((f) -> this.sharedImages.sharedWith(user("carol"), f), ReceivedImage::id);
		readFromTheirImage((f) -> this.images.ownImages(user("alice"), Visibility.PRIVATE, f), ImageRow::id);
		readFromTheirImage((f) -> this.images.publicImages(user("alice"), f), ImageRow::id);
	}

	/**
	 * A link's page number only labels the page it reads on or back to: "page 2" after the last image
	 * of page 2 shows page 3's images, and "page 3" before the first image of page 3 page 2's. So
	 * these pages were read from the image, not by their number.
	 */
	private static <T> void readFromTheirImage(Function<ImageFilter, PageOf<T>> list, ToLongFunction<T> id) {
		ImageFilter byName = new ImageFilter(null, null, "name", "asc", 1, 10, false);
		List<T> second = list.apply(byName.withPage(2)).items();
		List<T> third = list.apply(byName.withPage(3)).items();
		assertThat(second).hasSize(10);
		assertThat(third).isNotEmpty().isNotEqualTo(second);
		assertThat(list.apply(new ImageFilter(null, null, "name", "asc", 2, 10, false, id.applyAsLong(second.get(9)), null))
			.items()).isEqualTo(third);
		assertThat(list.apply(new ImageFilter(null, null, "name", "asc", 3, 10, false, null, id.applyAsLong(third.get(0))))
			.items()).isEqualTo(second);
	}

	@Test
	void myImagesAfterOrBeforeAnImageTheUserCannotReadThenThePageByItsNumber() {
		BerthUser bob = user("bob");
		ImageFilter second = new ImageFilter(null, null, "name", "asc", 2, 10, false);
		Set<Long> bobs = this.images.ownImages(bob, Visibility.PRIVATE, second.withSize(100))
			.items()
			.stream()
			.map(ImageRow::id)
			.collect(Collectors.toSet());
		long unreadable = this.images.ownImages(user("alice"), Visibility.PRIVATE, ImageFilter.defaults().withSize(100))
			.items()
			.stream()
			.map(ImageRow::id)
			.filter((id) -> !bobs.contains(id))
			.findFirst()
			.orElseThrow();
		assertThat(this.images.ownImages(bob, Visibility.PRIVATE, new ImageFilter(null, null, "name", "asc", 2, 10, false, unreadable, null)))
			.isEqualTo(this.images.ownImages(bob, Visibility.PRIVATE, second));
		assertThat(this.images.ownImages(bob, Visibility.PRIVATE, new ImageFilter(null, null, "name", "asc", 2, 10, false, null, unreadable)))
			.isEqualTo(this.images.ownImages(bob, Visibility.PRIVATE, second));
	}

	@Test
	void imagesFromOthersAfterOrBeforeAnImageNotInTheListThenThePageByItsNumber() {
		BerthUser carol = user("carol");
		ImageFilter third = new ImageFilter(null, null, "name", "asc", 3, 10, false);
		PageOf<ReceivedImage> byNumber = this.sharedImages.sharedWith(carol, third);
		long notShared = this.images.ownImages(user("alice"), Visibility.PUBLIC, ImageFilter.defaults()).items().get(0).id();
		Set<Long> carols = this.sharedImages.sharedWith(carol, 1000, 0).stream().map(ReceivedImage::id).collect(Collectors.toSet());
		long sharedWithAnother = this.sharedImages.sharedWith(user("erin"), 1000, 0)
			.stream()
			.map(ReceivedImage::id)
			.filter((id) -> !carols.contains(id))
			.findFirst()
			.orElseThrow();
		for (long cursor : List.of(notShared, sharedWithAnother, -1L)) {
			assertThat(this.sharedImages.sharedWith(carol, new ImageFilter(null, null, "name", "asc", 3, 10, false, cursor, null)))
				.as("after " + cursor)
				.isEqualTo(byNumber);
			assertThat(this.sharedImages.sharedWith(carol, new ImageFilter(null, null, "name", "asc", 3, 10, false, null, cursor)))
				.as("before " + cursor)
				.isEqualTo(byNumber);
		}
	}

	record Reference(List<?> rows, long total) {
	}

	/**
	 * The page's total is the earlier query's, or, for a list longer than it is counted for the page
	 * ({@link PageOf#countedTo}), that many and "more".
	 */
	private static void assertCounted(PageOf<?> page, Reference expected, String what) {
		long countedTo = PageOf.countedTo(page.page(), page.size());
		assertThat(page.more()).as(what + " more").isEqualTo(expected.total() > countedTo);
		assertThat(page.total()).as(what).isEqualTo(Math.min(expected.total(), countedTo));
	}

	/**
	 * The filter, its page brought back to the last one of the earlier query's list: a page past the
	 * end was empty there, and the lists now answer it with their last page.
	 */
	private static ImageFilter withinTheList(ImageFilter filter, Reference earlier) {
		int last = (int) Math.max(1, (earlier.total() + filter.size() - 1) / filter.size());
		return (filter.page() > last) ? filter.withPage(last) : filter;
	}

	private static final String EARLIER_ROW_SELECT = """
			select i.id, o.name as organization, i.name, a.name as owner, i.visibility,
			       (select count(*) from tag t where t.image_id = i.id) as tag_count,
			       (select coalesce(sum(t.size), 0) from tag t where t.image_id = i.id and not exists (select 1 from tag u where u.image_id = t.image_id and u.digest = t.digest and u.name < t.name)) as size,
			       i.updated_at as last_update,
			       (select count(*) from image_share s where s.image_id = i.id) as share_count,
			       i.description,
			       (select min(t.name) from tag t where t.image_id = i.id
			        and t.pushed_at = (select max(u.pushed_at) from tag u where u.image_id = i.id)) as newest_tag
			from image i
			join organization o on o.id = i.organization_id
			join account a on a.id = o.account_id
			""";

	private static final String EARLIER_READABLE = "(exists (select 1 from organization_grant g where g.organization_id = o.id and g.user_id = :user)"
			+ " or exists (select 1 from image_grant ig where ig.image_id = i.id and ig.user_id = :user))";

	private static final Map<String, String> EARLIER_SORTS = Map.of("name", "organization, name", "updated",
			"last_update", "size", "size", "tags", "tag_count");

	private Reference earlierOwnImages(BerthUser user, Visibility visibility, ImageFilter filter) {
		Map<String, Object> params = new HashMap<>();
		StringBuilder where = new StringBuilder(" where o.account_id = :account and i.visibility = :visibility");
		params.put("account", user.accountId());
		params.put("visibility", visibility.name());
		if (!user.administrator()) {
			where.append(" and ").append(EARLIER_READABLE);
			params.put("user", user.id());
		}
		if (filter.shared()) {
			where.append(" and exists (select 1 from image_share s where s.image_id = i.id)");
		}
		return earlierPage(where, params, filter);
	}

	private Reference earlierPublicImages(BerthUser user, ImageFilter filter) {
		Map<String, Object> params = new HashMap<>();
		params.put("region", user.region());
		return earlierPage(new StringBuilder(" where a.region = :region and i.visibility = 'PUBLIC'"), params, filter);
	}

	private Reference earlierPage(StringBuilder where, Map<String, Object> params, ImageFilter filter) {
		earlierSearch(where, params, filter, "i.name", "o.name");
		long total = this.jdbc.sql("select count(*) from image i join organization o on o.id = i.organization_id"
				+ " join account a on a.id = o.account_id" + where).params(params).query(Long.class).single();
		List<ImageRow> rows = this.jdbc
			.sql("select * from (" + EARLIER_ROW_SELECT + where + ") r order by " + earlierOrder(filter)
					+ " limit :limit offset :offset")
			.params(params)
			.param("limit", filter.size())
			.param("offset", filter.offset())
			.query((rs, n) -> new ImageRow(rs.getLong("id"), rs.getString("organization"), rs.getString("name"),
					rs.getString("owner"), Visibility.valueOf(rs.getString("visibility")), rs.getInt("tag_count"),
					rs.getLong("size"), rs.getObject("last_update", OffsetDateTime.class).toInstant(),
					rs.getInt("share_count"), rs.getString("description"), rs.getString("newest_tag"), false))
			.list();
		return new Reference(rows, total);
	}

	private Reference earlierSharedWith(BerthUser user, ImageFilter filter) {
		Map<String, Object> params = new HashMap<>();
		StringBuilder where = new StringBuilder(" where s.grantee_account_id = :account");
		params.put("account", user.accountId());
		earlierSearch(where, params, filter, "i.name", "o.name");
		String from = """
				 from image_share s
				 join image i on i.id = s.image_id
				 join organization o on o.id = i.organization_id
				 join account a on a.id = o.account_id
				""";
		long total = this.jdbc.sql("select count(*)" + from + where).params(params).query(Long.class).single();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), java.time.ZoneOffset.UTC);
		List<ReceivedImage> rows = this.jdbc.sql("""
				select * from (
				  select i.id, a.name as owner, o.name as organization, i.name, s.valid_until, s.description,
				         s.created_by, s.created_at,
				         (select count(*) from tag t where t.image_id = i.id) as tag_count,
				         (select coalesce(sum(t.size), 0) from tag t where t.image_id = i.id and not exists (select 1 from tag u where u.image_id = t.image_id and u.digest = t.digest and u.name < t.name)) as size,
				         i.updated_at as last_update
				""" + from + where + ") r order by " + earlierOrder(filter) + " limit :limit offset :offset")
			.params(params)
			.param("limit", filter.size())
			.param("offset", filter.offset())
			.query((rs, n) -> {
				LocalDate validUntil = rs.getObject("valid_until", LocalDate.class);
				return new ReceivedImage(rs.getLong("id"), rs.getString("owner"), rs.getString("organization"),
						rs.getString("name"), Expiry.of(validUntil, today), rs.getString("description"),
						rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
						rs.getInt("tag_count"), rs.getLong("size"),
						rs.getObject("last_update", OffsetDateTime.class).toInstant());
			})
			.list();
		return new Reference(rows, total);
	}

	private List<String> earlierSharedBy(BerthUser user, int limit, long offset) {
		Map<String, Object> params = new HashMap<>();
		StringBuilder where = new StringBuilder(" where o.account_id = :account");
		params.put("account", user.accountId());
		if (!user.administrator()) {
			where.append(" and ").append(EARLIER_READABLE);
			params.put("user", user.id());
		}
		return this.jdbc.sql("""
				select o.name as organization, i.name, g.name as grantee
				from image_share s
				join image i on i.id = s.image_id
				join organization o on o.id = i.organization_id
				join account g on g.id = s.grantee_account_id
				""" + where + " order by s.created_at desc, s.id desc limit :limit offset :offset")
			.params(params)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> rs.getString("organization") + "/" + rs.getString("name") + " " + rs.getString("grantee"))
			.list();
	}

	private static void earlierSearch(StringBuilder where, Map<String, Object> params, ImageFilter filter,
			String name, String organization) {
		if (!filter.q().isEmpty()) {
			where.append(" and lower(" + name + ") like :q escape '\\'");
			String escaped = filter.q().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
			params.put("q", "%" + escaped + "%");
		}
		if (!filter.org().isEmpty()) {
			where.append(" and " + organization + " = :org");
			params.put("org", filter.org());
		}
	}

	private static String earlierOrder(ImageFilter filter) {
		String direction = "asc".equals(filter.dir()) ? " asc" : " desc";
		StringBuilder order = new StringBuilder();
		for (String column : EARLIER_SORTS.get(filter.sort()).split(", ")) {
			order.append(order.isEmpty() ? "" : ", ").append(column).append(direction);
		}
		// The one change since: equal values follow the sort's direction too (id descending when the
		// sort is), so that each list's order is that of one index read forwards or backwards (V9).
		return order.append(", id").append(direction).toString();
	}

	private static final String EARLIER_EVENTS = """
			select e.occurred_at, e.actor, e.action, e.image_id, e.image_name, e.grantee_account as account,
			       e.old_value, e.new_value, e.detail, e.id as seq, 0 as kind
			from audit_event e
			where e.account_id = :account %s
			union all
			select p.pulled_at, p.username, 'PULLED', p.image_id, o.name || '/' || i.name, pa.name,
			       null, p.digest, p.tag,
			       p.id, 1
			from pull_event p
			join image i on i.id = p.image_id
			join organization o on o.id = i.organization_id
			join account pa on pa.id = p.puller_account_id
			where o.account_id = :account and p.puller_account_id <> :account %s
			""";

	private String earlierEvents(BerthUser user, Map<String, Object> params) {
		params.put("account", user.accountId());
		if (user.administrator()) {
			return EARLIER_EVENTS.formatted("", "");
		}
		params.put("user", user.id());
		params.put("username", user.getUsername());
		return EARLIER_EVENTS.formatted(" and (e.action in ('SHARE_RECEIVED', 'SHARE_RECEIVED_CHANGED', 'SHARE_RECEIVED_REVOKED')"
				+ " or (e.action like 'TOKEN%' and e.actor = :username)"
				+ " or exists (select 1 from image i join organization o on o.id = i.organization_id"
				+ " where i.id = e.image_id and " + EARLIER_READABLE + "))", " and " + EARLIER_READABLE);
	}

	private long earlierActivityCount(BerthUser user) {
		return earlierActivityCount(user, SqlCondition.ALWAYS);
	}

	/** The earlier Activity's rows that {@code where} (on its columns, aliased x) keeps. */
	private long earlierActivityCount(BerthUser user, SqlCondition where) {
		Map<String, Object> params = new HashMap<>(where.params());
		return this.jdbc.sql("select count(*) from (" + earlierEvents(user, params) + ") x where " + where.sql())
			.params(params)
			.query(Long.class)
			.single();
	}

	private List<ActivityRow> earlierActivity(BerthUser user, int page) {
		return earlierActivity(user, page, SqlCondition.ALWAYS);
	}

	private List<ActivityRow> earlierActivity(BerthUser user, int page, SqlCondition where) {
		Map<String, Object> params = new HashMap<>(where.params());
		return this.jdbc
			.sql("select * from (" + earlierEvents(user, params) + ") x where " + where.sql()
					+ " order by occurred_at desc, kind desc, seq desc limit :limit offset :offset")
			.params(params)
			.param("limit", Activity.PAGE_SIZE)
			.param("offset", (long) (page - 1) * Activity.PAGE_SIZE)
			.query(ListEquivalenceIT::activityRow)
			.list();
	}

	private static ActivityRow activityRow(ResultSet rs, int n) throws SQLException {
		long id = rs.getLong("image_id");
		Long imageId = rs.wasNull() ? null : id;
		AuditAction action = AuditAction.valueOf(rs.getString("action"));
		String newValue = rs.getString("new_value");
		String detail = rs.getString("detail");
		if (action == AuditAction.PULLED) {
			String digest = (newValue.length() > 19) ? newValue.substring(0, 19) + "…" : newValue;
			detail = (detail == null || detail.isEmpty()) ? digest : detail + " (" + digest + ")";
			newValue = null;
		}
		return new ActivityRow(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
				action, imageId, rs.getString("image_name"), rs.getString("account"), rs.getString("old_value"), newValue,
				detail, List.of());
	}

	private List<String> earlierShares(long imageId) {
		return this.jdbc.sql("""
				select a.name as account, coalesce(lp.pulls, 0) as pulls, lp.pulled_at, lp.username
				from image_share s
				join account a on a.id = s.grantee_account_id
				left join (select p.image_id, p.puller_account_id, p.pulled_at, p.username,
				                  count(*) over (partition by p.image_id, p.puller_account_id) as pulls,
				                  row_number() over (partition by p.image_id, p.puller_account_id
				                                     order by p.pulled_at desc, p.id desc) as rn
				           from pull_event p) lp
				       on lp.image_id = s.image_id and lp.puller_account_id = s.grantee_account_id and lp.rn = 1
				where s.image_id = :image order by a.name
				""")
			.param("image", imageId)
			.query((rs, n) -> {
				OffsetDateTime at = rs.getObject("pulled_at", OffsetDateTime.class);
				return rs.getString("account") + " " + rs.getLong("pulls") + " " + ((at != null) ? at.toInstant() : null)
						+ " " + rs.getString("username");
			})
			.list();
	}

}
