package dev.berth.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.berth.images.ImageFilter;
import dev.berth.images.ImageRow;
import dev.berth.sharing.SharingTestBase;
import dev.berth.testing.LockWaits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.berth.testing.PageText.pageText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Notifications the registry would never send (a null event, values longer than the console
 * stores) are ignored with a warning: 200, so that the registry does not retry them forever, and
 * nothing is stored.
 */
class RegistryEventsTests extends SharingTestBase {

	static final String DIGEST = "sha256:" + "a".repeat(64);

	@Autowired
	MockMvc mvc;

	@Autowired
	NotificationSecret secret;

	@ParameterizedTest
	@ValueSource(strings = { "{\"events\":[null]}", "{\"events\":[{}]}", "{\"events\":[{\"id\":\"e1\"}]}",
			"{\"events\":[{\"id\":\"ID\",\"action\":\"pull\",\"target\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"repository\":\"acme-apps/nginx\",\"tag\":\"1.25\",\"digest\":\"DIGEST\"},\"actor\":{\"name\":\"carol\"}}]}" })
	void malformedEventThenIgnoredAndNothingStored(String body) throws Exception {
		post(body.replace("ID", "x".repeat(129)).replace("DIGEST", DIGEST));
		post(body.replace("ID", "e2").replace("\"tag\":\"1.25\"", "\"tag\":\"" + "t".repeat(129) + "\"")
			.replace("DIGEST", DIGEST));
		post(body.replace("ID", "e3").replace("DIGEST", DIGEST + "b".repeat(20)));

		assertThat(this.jdbc.sql("select count(*) from registry_event").query(Integer.class).single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from pull_event").query(Integer.class).single()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "pull-of-a-shared-image" })
	void wellFormedPullByAnotherAccountThenRecorded(String id) throws Exception {
		post("{\"events\":[{\"id\":\"" + id + "\",\"action\":\"pull\",\"target\":{\"mediaType\":"
				+ "\"application/vnd.oci.image.manifest.v1+json\",\"repository\":\"acme-apps/nginx\",\"tag\":\"1.25\","
				+ "\"digest\":\"" + DIGEST + "\"},\"actor\":{\"name\":\"carol\"}}]}");

		assertThat(this.jdbc.sql("select puller_account from pull_event").query(String.class).list())
			.containsExactly("globex");
	}

	/** A pull made with an access token names it (the registry's actor is the token's subject). */
	@org.junit.jupiter.api.Test
	void pullWithAnAccessTokenThenTheTokenNameIsInThePullRecords() throws Exception {
		this.jdbc.sql("delete from access_token").update();
		var carol = user("carol");
		var image = image(user("alice"), "acme-apps/nginx");
		this.shares.share(user("alice"), image, new dev.berth.sharing.ShareForm("globex", null, true, "CI"));
		long token = this.tokens.create(carol, new dev.berth.accounts.AccessTokens.NewToken("globex-ci", false, false,
				java.util.Set.of(), true, null)).token().id();

		post("{\"events\":[{\"id\":\"token-pull\",\"action\":\"pull\",\"target\":{\"mediaType\":"
				+ "\"application/vnd.oci.image.manifest.v1+json\",\"repository\":\"acme-apps/nginx\",\"tag\":\"1.25\","
				+ "\"digest\":\"" + DIGEST + "\"},\"actor\":{\"name\":\"carol+token-" + token + "\"}}]}");

		assertThat(this.jdbc.sql("select username || '/' || token_name from pull_event").query(String.class).list())
			.containsExactly("carol/globex-ci");
		assertThat(this.jdbc.sql("select last_pull_token from image_share").query(String.class).list())
			.containsExactly("globex-ci");
		// The owner's Sharing tab says which token pulled; a pull with a password names no token.
		this.mvc.perform(sharingTab())
			.andExpect(pageText(containsString(
					"<span class=\"muted last-pull-token\">1.25 by carol with the token “globex-ci”</span>")));
		post("{\"events\":[{\"id\":\"password-pull\",\"action\":\"pull\",\"target\":{\"mediaType\":"
				+ "\"application/vnd.oci.image.manifest.v1+json\",\"repository\":\"acme-apps/nginx\",\"tag\":\"1.26\","
				+ "\"digest\":\"" + DIGEST + "\"},\"actor\":{\"name\":\"carol\"}}]}");
		this.mvc.perform(sharingTab())
			.andExpect(content().string(allOf(containsString("<span class=\"muted\">1.26 by carol</span>"),
					not(containsString("last-pull-token")))));
		this.jdbc.sql("delete from access_token").update();
	}

	/** The longest name a token may have, in emoji (128 UTF-16 units, which H2 counts), in the pull records too. */
	@org.junit.jupiter.api.Test
	void pullWithATokenNamedIn64EmojiThenRecordedWithItsName() throws Exception {
		this.jdbc.sql("delete from access_token").update();
		String name = "🚢".repeat(64);
		this.shares.share(user("alice"), image(user("alice"), "acme-apps/nginx"),
				new dev.berth.sharing.ShareForm("globex", null, true, "CI"));
		long token = this.tokens.create(user("carol"), new dev.berth.accounts.AccessTokens.NewToken(name, false, false,
				java.util.Set.of(), true, null)).token().id();

		post("{\"events\":[{\"id\":\"emoji-pull\",\"action\":\"pull\",\"target\":{\"mediaType\":"
				+ "\"application/vnd.oci.image.manifest.v1+json\",\"repository\":\"acme-apps/nginx\",\"tag\":\"1.25\","
				+ "\"digest\":\"" + DIGEST + "\"},\"actor\":{\"name\":\"carol+token-" + token + "\"}}]}");

		assertThat(this.jdbc.sql("select token_name from pull_event").query(String.class).list()).containsExactly(name);
		assertThat(this.jdbc.sql("select last_pull_token from image_share").query(String.class).list())
			.containsExactly(name);
		this.jdbc.sql("delete from access_token").update();
	}

	/**
	 * A push and a delete go into the Activity of the image's account, with who did them and with
	 * which token, the tags and the digest: its administrator and a user who may read the
	 * organization see them; another account does not.
	 */
	@Test
	void pushAndDeleteThenInTheActivityOfTheImagesAccount() throws Exception {
		this.jdbc.sql("delete from access_token").update();
		long token = this.tokens.create(user("alice"), new dev.berth.accounts.AccessTokens.NewToken("acme-ci", true, true,
				java.util.Set.of(), false, null)).token().id();
		String digest = "sha256:" + "c".repeat(64);
		try {
			post("{\"events\":[{\"id\":\"push-1\",\"action\":\"push\",\"target\":{\"mediaType\":"
					+ "\"application/vnd.oci.image.manifest.v1+json\",\"repository\":\"acme-apps/nginx\",\"tag\":\"1.27\","
					+ "\"digest\":\"" + digest + "\",\"size\":1234},\"actor\":{\"name\":\"alice+token-" + token + "\"}}]}");
			post("{\"events\":[{\"id\":\"delete-1\",\"action\":\"delete\",\"target\":{\"repository\":\"acme-apps/nginx\","
					+ "\"digest\":\"" + digest + "\"},\"actor\":{\"name\":\"alice\"}}]}");

			assertThat(this.jdbc.sql("select actor || ' ' || action || ' ' || image_name || ': ' || detail from audit_event where image_id is not null order by id")
				.query(String.class)
				.list()).containsExactly("alice PUSHED acme-apps/nginx: 1.27 (sha256:cccccccccccc…), with token acme-ci",
						"alice TAGS_DELETED acme-apps/nginx: 1.27 (sha256:cccccccccccc…)");
			for (String reader : List.of("alice", "bob")) {
				this.mvc.perform(MockMvcRequestBuilders.get("/activity").with(loggedInAs(reader)))
					.andExpect(pageText(allOf(containsString(">Pushed</span>"), containsString(">Tags deleted</span>"),
							containsString("1.27 (sha256:cccccccccccc…), with token acme-ci"))));
			}
			this.mvc.perform(MockMvcRequestBuilders.get("/activity").with(loggedInAs("carol")))
				.andExpect(content().string(not(containsString("1.27 (sha256:"))));
		}
		finally {
			this.jdbc.sql("delete from access_token").update();
		}
	}

	/** The console's own pushes (the demo images) and deletions (recorded as the user's who asked) are not the registry's to record. */
	@Test
	void pushAndDeleteByTheConsoleItselfThenNotInTheActivity() throws Exception {
		String digest = "sha256:" + "d".repeat(64);
		post("{\"events\":[{\"id\":\"push-c\",\"action\":\"push\",\"target\":{\"mediaType\":"
				+ "\"application/vnd.oci.image.manifest.v1+json\",\"repository\":\"acme-apps/nginx\",\"tag\":\"1.28\","
				+ "\"digest\":\"" + digest + "\",\"size\":1234},\"actor\":{\"name\":\"berth-console\"}}]}");
		assertThat(this.catalog.find("acme-apps", "nginx").orElseThrow().image().tag("1.28")).isPresent();
		post("{\"events\":[{\"id\":\"delete-c\",\"action\":\"delete\",\"target\":{\"repository\":\"acme-apps/nginx\","
				+ "\"digest\":\"" + digest + "\"},\"actor\":{\"name\":\"berth-console\"}}]}");

		assertThat(this.catalog.find("acme-apps", "nginx").orElseThrow().image().tag("1.28")).isEmpty();
		assertThat(auditActions()).isEmpty();
	}

	@Autowired
	RegistryClient registry;

	/** The registry stores a manifest with a key given twice; the console sizes it as before (the API's strict reading is not the registry's). */
	@Test
	void manifestWithAKeyGivenTwiceThenSizedFromItsLayers() {
		byte[] manifest = """
				{"schemaVersion":2,"schemaVersion":2,"config":{"size":100},"layers":[{"size":20},{"size":3}]}
				""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(this.registry.sizeOf(manifest)).isEqualTo(123);
	}

	@Autowired
	RegistryImages registryImages;

	@Autowired
	PlatformTransactionManager transactionManager;

	/**
	 * A push recorded while the owner makes the image public, the owner's change holding the image's
	 * row: the push waits for it and then reads the image again, so its save does not make the image
	 * private again (it read the image before the lock and wrote it back whole).
	 */
	@Test
	void pushWhileTheImageIsMadePublicThenItStaysPublicWithTheNewTag() throws Exception {
		long id = image(user("alice"), "acme-apps/nginx").image().id();
		ExecutorService registry = Executors.newSingleThreadExecutor();
		try {
			List<Future<Boolean>> push = new ArrayList<>();
			new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
				this.jdbc.sql("update image set visibility = 'PUBLIC' where id = :id").param("id", id).update();
				push.add(registry.submit(() -> this.registryImages.upsertTag("acme-apps/nginx", "pushed-meanwhile", DIGEST,
						1, Instant.parse("2026-11-29T12:00:00Z"))));
				// The push's own transaction reaches the image, and waits for it.
				LockWaits.awaitASessionWaitingForALock(this.jdbc);
			});
			assertThat(push.get(0).get(20, TimeUnit.SECONDS)).isTrue();
			assertThat(image(user("alice"), "acme-apps/nginx").image().isPrivate()).as("made private by the push").isFalse();
			assertThat(image(user("alice"), "acme-apps/nginx").image().tag("pushed-meanwhile")).isPresent();
		}
		finally {
			registry.shutdown();
			this.registryImages.removeTag("acme-apps/nginx", "pushed-meanwhile");
		}
	}

	/**
	 * An image a push creates keeps its owner's region: made public, it is listed to the accounts of
	 * that region (dave's initech, ap-southeast-1) and to no other (alice's acme, eu-west-1).
	 */
	@Test
	void pushOfANewImageThenOnceMadePublicListedInItsOwnersRegionOnly() {
		try {
			assertThat(this.registryImages.upsertTag("initech-web/edge", "1.0", DIGEST, 1,
					Instant.parse("2026-11-29T12:00:00Z")))
				.isTrue();
			this.jdbc.sql("update image set visibility = 'PUBLIC' where organization_name = 'initech-web' and name = 'edge'")
				.update();
			assertThat(this.catalog.publicImages(user("dave"), ImageFilter.defaults()).items()).extracting(ImageRow::path)
				.containsExactly("initech-web/edge");
			assertThat(this.catalog.publicImages(user("alice"), ImageFilter.defaults()).items())
				.extracting(ImageRow::path)
				.doesNotContain("initech-web/edge");
		}
		finally {
			this.jdbc.sql("delete from image where organization_name = 'initech-web' and name = 'edge'").update();
		}
	}

	@Autowired
	dev.berth.sharing.ShareService shares;

	@Autowired
	dev.berth.accounts.AccessTokens tokens;

	private MockHttpServletRequestBuilder sharingTab() {
		return MockMvcRequestBuilders.get("/images/acme-apps/nginx").param("tab", "sharing").with(loggedInAs("alice"));
	}

	private void post(String body) throws Exception {
		this.mvc.perform(MockMvcRequestBuilders.post("/registry/events")
			.header(HttpHeaders.AUTHORIZATION, this.secret.authorizationHeader())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isOk());
	}

}
