package dev.berth.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.berth.accounts.BerthUser;
import dev.berth.images.Image;
import dev.berth.images.ImageAccess;
import dev.berth.images.ImageRepository;
import dev.berth.images.Tag;
import dev.berth.images.Visibility;
import dev.berth.sharing.Share;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Pushes and pulls with the real skopeo against a real registry that the console runs and serves
 * as token server (one registry process and one context for the class, storage in a temp dir).
 */
class RegistryPushPullIT extends RegistryIntegration {

	@Autowired
	RegistryClient registryClient;

	@Autowired
	TokenIssuer tokens;

	@Autowired
	NotificationSecret secret;

	@Autowired
	Reconciler reconciler;

	@Test
	void pushByAdministratorThenImageAndTagAppearWithDigestAndSize() {
		ImageBuilder.BuiltImage image = ImageBuilder.build("demo.txt", "acme-apps/demo 1.0\n");

		RegistryTesting.Result push = this.skopeo.push(layout(image, "1.0"), "acme-apps/demo", "1.0", ALICE);

		assertThat(push.succeeded()).as(push.output()).isTrue();
		Tag tag = awaitTag("acme-apps/demo", "1.0", image.manifestDigest());
		assertThat(tag.size()).isEqualTo(image.size());
		Image created = this.catalog.find("acme-apps", "demo").orElseThrow().image();
		assertThat(created.visibility()).isEqualTo(Visibility.PRIVATE);
		assertThat(created.category()).isEqualTo("Other");
		assertThat(created.description()).isEmpty();
	}

	@Test
	void pullByReadUserThenAllowedAndPushThenDenied() {
		ImageBuilder.BuiltImage image = pushAsAlice("acme-apps/demo", "1.0", "acme-apps/demo 1.0\n");

		RegistryTesting.Result pull = this.skopeo.inspect("acme-apps/demo", "1.0", BOB);
		RegistryTesting.Result push = this.skopeo.push(layout(ImageBuilder.build("bob.txt", "bob\n"), "bob"),
				"acme-apps/demo", "bob", BOB);

		assertThat(pull.succeeded()).as(pull.output()).isTrue();
		assertThat(pull.output()).contains(image.configDigest());
		assertThat(push.denied()).as(push.output()).isTrue();
		assertThat(this.skopeo.inspect("acme-apps/demo", "bob", ALICE).succeeded()).isFalse();
	}

	@Test
	void pushByOtherAccountWhileSharedThenDenied() {
		pushAsAlice("acme-apps/demo", "1.0", "acme-apps/demo 1.0\n");
		Image demo = this.catalog.find("acme-apps", "demo").orElseThrow().image();
		Share share = this.shares.save(Share.create(demo, "acme", globexId(), null, "", "alice", Instant.now()));
		try {
			RegistryTesting.Result pull = this.skopeo.inspect("acme-apps/demo", "1.0", CAROL);
			RegistryTesting.Result push = this.skopeo.push(layout(ImageBuilder.build("carol.txt", "carol\n"), "carol"),
					"acme-apps/demo", "carol", CAROL);

			assertThat(pull.succeeded()).as(pull.output()).isTrue();
			assertThat(push.denied()).as(push.output()).isTrue();
			assertThat(this.skopeo.inspect("acme-apps/demo", "carol", ALICE).succeeded()).isFalse();
		}
		finally {
			this.shares.delete(share);
		}
	}

	@Test
	void anonymousPullOfPublicImageThenAllowedAndOfPrivateImageThenDenied() {
		pushAsAlice("acme-public/hello", "latest", "hello, world\n");
		pushAsAlice("acme-apps/demo", "1.0", "acme-apps/demo 1.0\n");

		RegistryTesting.Result publicPull = this.skopeo.inspect("acme-public/hello", "latest", null);
		RegistryTesting.Result privatePull = this.skopeo.inspect("acme-apps/demo", "1.0", null);
		RegistryTesting.Result anonymousPush = this.skopeo.push(layout(ImageBuilder.build("x.txt", "x\n"), "anon"),
				"acme-public/hello", "anon", null);

		assertThat(publicPull.succeeded()).as(publicPull.output()).isTrue();
		assertThat(privatePull.succeeded()).as(privatePull.output()).isFalse();
		assertThat(privatePull.output()).contains("denied");
		assertThat(anonymousPush.succeeded()).as(anonymousPush.output()).isFalse();
	}

	@Test
	void tokenSignedWithAnotherKeyThenRegistryRefuses() throws Exception {
		pushAsAlice("acme-apps/demo", "1.0", "acme-apps/demo 1.0\n");
		List<Access> pull = List.of(Access.repository("acme-apps/demo", List.of("pull")));
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		var otherKey = generator.generateKeyPair();
		Instant now = Instant.now();
		SignedJWT forged = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
					.keyID(SigningKey.libtrustKeyId(otherKey.getPublic()))
					.build(),
				new JWTClaimsSet.Builder().issuer("berth")
					.subject("alice")
					.audience("berth-registry")
					.issueTime(Date.from(now))
					.notBeforeTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(300)))
					.jwtID("forged")
					.claim("access", pull.stream().map(Access::claim).toList())
					.build());
		forged.sign(new ECDSASigner((ECPrivateKey) otherKey.getPrivate()));

		int forgedStatus = manifestStatus("acme-apps/demo", "1.0", forged.serialize());
		int genuineStatus = manifestStatus("acme-apps/demo", "1.0", this.tokens.issue("alice", pull).token());

		assertThat(forgedStatus).isEqualTo(401);
		assertThat(genuineStatus).isEqualTo(200);
	}

	@Test
	void tokenWithBadCredentialsThenUnauthorized() throws Exception {
		HttpResponse<String> response = token("scope=repository:acme-apps/nginx:pull", "alice:wrong");

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void tokenForKnownUserWithoutRightThenGrantsNothing() throws Exception {
		HttpResponse<String> carol = token("scope=repository:acme-apps/nginx:pull,push&scope=registry:catalog:*",
				CAROL);
		HttpResponse<String> alice = token("scope=repository:acme-apps/nginx:*", ALICE);

		assertThat(carol.statusCode()).isEqualTo(200);
		assertThat(carol.body()).contains("\"expires_in\":300", "\"access_token\"", "\"issued_at\"");
		assertThat(accessClaim(carol.body())).isEmpty();
		assertThat(accessClaim(alice.body())).containsExactly(
				Map.of("type", "repository", "name", "acme-apps/nginx", "actions", List.of("pull", "push", "delete")));
	}

	@Test
	void demoImagesThenConsoleTagsCarryRegistryDigests() {
		// The nine tags of the demo (docs/demo-data.md).
		for (String demo : List.of("acme-apps/nginx:1.25", "acme-apps/nginx:1.26", "acme-apps/nginx:latest",
				"acme-apps/billing/api:v1", "acme-apps/billing/api:v2", "acme-apps/internal-tools:0.1",
				"acme-public/hello:latest", "globex-ml/trainer:2024.1", "initech-web/portal:3.0")) {
			String repository = demo.substring(0, demo.lastIndexOf(':'));
			String name = demo.substring(demo.lastIndexOf(':') + 1);
			String registryDigest = this.registryClient.digest(repository, name).orElseThrow();
			Tag tag = this.catalog.findByPath(repository).orElseThrow().image().tag(name).orElseThrow();
			assertThat(tag.digest()).as(demo).isEqualTo(registryDigest);
			assertThat(tag.size()).as(demo).isLessThan(2_000);
		}
	}

	@Test
	void eventWithoutSecretThenUnauthorized() throws Exception {
		String body = pushEvent("no-secret-1", "acme-apps/demo", "sneaky", "sha256:" + "1".repeat(64));

		assertThat(postEvent(body, null).statusCode()).isEqualTo(401);
		assertThat(postEvent(body, "Bearer not-the-secret").statusCode()).isEqualTo(401);
		assertThat(this.catalog.find("acme-apps", "demo").flatMap(found -> found.image().tag("sneaky"))).isEmpty();
	}

	@Test
	void replayedEventThenNothingChanges() throws Exception {
		String first = "sha256:" + "a".repeat(64);
		String second = "sha256:" + "b".repeat(64);

		HttpResponse<String> original = postEvent(pushEvent("replay-1", "acme-apps/replayed", "v1", first),
				this.secret.authorizationHeader());
		Tag afterOriginal = this.catalog.find("acme-apps", "replayed").orElseThrow().image().tag("v1").orElseThrow();
		HttpResponse<String> replay = postEvent(pushEvent("replay-1", "acme-apps/replayed", "v1", second),
				this.secret.authorizationHeader());

		assertThat(original.statusCode()).isEqualTo(200);
		assertThat(replay.statusCode()).isEqualTo(200);
		assertThat(afterOriginal.digest()).isEqualTo(first);
		assertThat(this.catalog.find("acme-apps", "replayed").orElseThrow().image().tag("v1")).contains(afterOriginal);
	}

	@Test
	void tagMissedByConsoleThenReconciliationRestoresIt() {
		ImageBuilder.BuiltImage image = pushAsAlice("acme-apps/reconciled", "2.0", "reconcile me\n");
		Image pushed = this.catalog.find("acme-apps", "reconciled").orElseThrow().image();
		// The console misses the push, and still holds a tag the registry never had.
		this.jdbc.sql("delete from tag where image_id = :id").param("id", pushed.id()).update();
		this.jdbc.sql("insert into tag (image_id, name, digest, size, pushed_at) values (:id, 'ghost', :digest, 1, :at)")
			.param("id", pushed.id())
			.param("digest", "sha256:" + "0".repeat(64))
			.param("at", java.time.OffsetDateTime.now())
			.update();

		this.reconciler.reconcile();

		Image repaired = this.catalog.find("acme-apps", "reconciled").orElseThrow().image();
		assertThat(repaired.tag("2.0")).hasValueSatisfying(tag -> {
			assertThat(tag.digest()).isEqualTo(image.manifestDigest());
			assertThat(tag.size()).isEqualTo(image.size());
		});
		assertThat(repaired.tag("ghost")).isEmpty();
	}

	@Autowired
	ImageDeletion deletion;

	@Autowired
	ImageRepository images;

	@Autowired
	ImageAccess access;

	@Autowired
	UserDetailsService userDetails;

	/**
	 * Delete tag and Delete image in the console delete the manifests in the registry: a pull fails
	 * after each, and the reconciliation from the registry's catalog brings neither back.
	 */
	@Test
	void deleteTagThenImageFromTheConsoleThenGoneFromTheRegistryForGood() {
		pushAsAlice("acme-apps/doomed", "1.0", "doomed 1.0\n");
		pushAsAlice("acme-apps/doomed", "2.0", "doomed 2.0\n");
		BerthUser alice = (BerthUser) this.userDetails.loadUserByUsername("alice");

		assertThat(this.deletion.deleteTag(alice, this.access.visible(alice, "acme-apps", "doomed"), "1.0", null))
			.containsExactly("1.0");
		assertThat(this.skopeo.inspect("acme-apps/doomed", "1.0", ALICE).succeeded()).isFalse();
		assertThat(this.skopeo.inspect("acme-apps/doomed", "2.0", ALICE).succeeded()).isTrue();

		this.deletion.deleteImage(alice, this.access.visible(alice, "acme-apps", "doomed"), null);
		RegistryTesting.Result pull = this.skopeo.inspect("acme-apps/doomed", "2.0", ALICE);
		this.reconciler.reconcile();

		assertThat(pull.succeeded()).as(pull.output()).isFalse();
		assertThat(this.catalog.find("acme-apps", "doomed")).isEmpty();
		assertThat(this.jdbc.sql("select actor || ' ' || action from audit_event where image_name = 'acme-apps/doomed'"
				+ " and action in ('TAGS_DELETED', 'IMAGE_DELETED') order by id").query(String.class).list())
			.as("the console's own deletions once, as alice's").containsExactly("alice TAGS_DELETED", "alice IMAGE_DELETED");
	}

	/**
	 * A tag pushed while the image is being deleted (after its page was read): the image stays with
	 * it, and the manifests the registry deleted before are on record as the user's.
	 */
	@Test
	void deleteImageWhenATagArrivesMeanwhileThenTheImageStaysAndWhatWasDeletedIsOnRecord() {
		pushAsAlice("acme-apps/racing", "1.0", "racing 1.0\n");
		BerthUser alice = (BerthUser) this.userDetails.loadUserByUsername("alice");
		ImageAccess.VisibleImage read = this.access.visible(alice, "acme-apps", "racing");
		pushAsAlice("acme-apps/racing", "2.0", "racing 2.0\n");

		assertThat(catchThrowable(() -> this.deletion.deleteImage(alice, read, ImageDeletion.seen(read.image()))))
			.isInstanceOf(ImageDeletion.PushedMeanwhileException.class);

		assertThat(this.skopeo.inspect("acme-apps/racing", "1.0", ALICE).succeeded()).isFalse();
		assertThat(this.skopeo.inspect("acme-apps/racing", "2.0", ALICE).succeeded()).isTrue();
		assertThat(this.catalog.find("acme-apps", "racing")).isPresent();
		assertThat(deletionsOnRecord("acme-apps/racing")).singleElement().asString()
			.startsWith("alice TAGS_DELETED 1.0 (sha256:");
	}

	/**
	 * The registry deletes one manifest and refuses the next: the console keeps the image (the
	 * deletion stopped), and what the registry did delete is on record as the user's, though its
	 * tags go through the registry's own events, which the console does not record as anyone's.
	 */
	@Test
	void deleteImageWhenTheRegistryRefusesAManifestThenWhatItDeletedBeforeIsOnRecordAsTheUsers() {
		pushAsAlice("acme-apps/halfway", "1.0", "halfway 1.0\n");
		// A tag older than 1.0, so deleted after it, whose digest the registry refuses (400) as malformed.
		Image image = this.catalog.find("acme-apps", "halfway").orElseThrow().image();
		Instant old = Instant.parse("2020-01-01T00:00:00Z");
		this.images.save(image.withTag(new Tag("broken", "sha256:" + "a".repeat(63), 10, old), old));
		BerthUser alice = (BerthUser) this.userDetails.loadUserByUsername("alice");

		assertThat(catchThrowable(() -> this.deletion.deleteImage(alice, this.access.visible(alice, "acme-apps", "halfway"), null)))
			.isInstanceOf(ImageDeletion.RegistryRefusedException.class);

		assertThat(this.skopeo.inspect("acme-apps/halfway", "1.0", ALICE).succeeded()).isFalse();
		assertThat(this.catalog.find("acme-apps", "halfway")).isPresent();
		assertThat(deletionsOnRecord("acme-apps/halfway")).singleElement().asString()
			.startsWith("alice TAGS_DELETED 1.0 (sha256:");
	}

	/**
	 * A multi-platform image's per-platform manifests are pullable by digest on their own: they go
	 * with the tag whose index names them, unless another tag's index names them too.
	 */
	@Test
	void deleteWhenMultiPlatformThenItsPlatformManifestsGoUnlessAnotherTagNamesThem() throws Exception {
		ImageBuilder.BuiltImage shared = ImageBuilder.build("content.txt", "multi, in both\n");
		ImageBuilder.BuiltImage onlyOld = ImageBuilder.build("content.txt", "multi, in v1 only\n");
		ImageBuilder.BuiltImage onlyNew = ImageBuilder.build("content.txt", "multi, in v2 only\n");
		pushMultiPlatformAsAlice("acme-apps/multi", "v1", List.of(shared, onlyOld));
		pushMultiPlatformAsAlice("acme-apps/multi", "v2", List.of(shared, onlyNew));
		String token = this.tokens.issue("alice", List.of(Access.repository("acme-apps/multi", List.of("pull")))).token();
		BerthUser alice = (BerthUser) this.userDetails.loadUserByUsername("alice");
		assertThat(manifestStatus("acme-apps/multi", onlyOld.manifestDigest(), token)).isEqualTo(200);
		// A tag of one platform's manifest of v2: deleting it would break v2.
		pushAsAlice("acme-apps/multi", "arm", onlyNew);
		assertThat(catchThrowable(() -> this.deletion.deleteTag(alice, this.access.visible(alice, "acme-apps", "multi"),
				"arm", null)))
			.isInstanceOfSatisfying(ImageDeletion.StillNamedException.class,
					refused -> assertThat(refused.tags()).containsExactly("v2"));
		assertThat(this.skopeo.inspect("acme-apps/multi", "arm", ALICE).succeeded()).isTrue();

		this.deletion.deleteTag(alice, this.access.visible(alice, "acme-apps", "multi"), "v1", null);

		assertThat(manifestStatus("acme-apps/multi", onlyOld.manifestDigest(), token)).isEqualTo(404);
		assertThat(manifestStatus("acme-apps/multi", shared.manifestDigest(), token)).as("v2 names it").isEqualTo(200);
		assertThat(this.skopeo.inspect("acme-apps/multi", "v2", ALICE).succeeded()).isTrue();

		this.deletion.deleteImage(alice, this.access.visible(alice, "acme-apps", "multi"), null);

		assertThat(manifestStatus("acme-apps/multi", shared.manifestDigest(), token)).isEqualTo(404);
		assertThat(manifestStatus("acme-apps/multi", onlyNew.manifestDigest(), token)).isEqualTo(404);
	}

	/** The Activity's deletions of the image: who, what and (for tags) which, oldest first. */
	private List<String> deletionsOnRecord(String repository) {
		return this.jdbc.sql("select actor || ' ' || action || ' ' || coalesce(detail, '') from audit_event"
				+ " where image_name = :image and action in ('TAGS_DELETED', 'IMAGE_DELETED') order by id")
			.param("image", repository)
			.query(String.class)
			.list();
	}

	private void pushMultiPlatformAsAlice(String repository, String tag, List<ImageBuilder.BuiltImage> platforms) {
		RegistryTesting.Result push = this.skopeo.pushAll(indexLayout(platforms, tag), repository, tag, ALICE);
		assertThat(push.succeeded()).as(push.output()).isTrue();
		awaitTag(repository, tag, ImageBuilder.digest(RegistryTesting.index(platforms)));
	}

	private ImageBuilder.BuiltImage pushAsAlice(String repository, String tag, String content) {
		return pushAsAlice(repository, tag, ImageBuilder.build("content.txt", content));
	}

	private ImageBuilder.BuiltImage pushAsAlice(String repository, String tag, ImageBuilder.BuiltImage image) {
		RegistryTesting.Result push = this.skopeo.push(layout(image, tag), repository, tag, ALICE);
		assertThat(push.succeeded()).as(push.output()).isTrue();
		awaitTag(repository, tag, image.manifestDigest());
		return image;
	}

	private Tag awaitTag(String repository, String tag, String digest) {
		return await().atMost(Duration.ofSeconds(15))
			.until(() -> this.catalog.findByPath(repository).flatMap(found -> found.image().tag(tag)),
					found -> found.isPresent() && found.get().digest().equals(digest))
			.orElseThrow();
	}

	private long globexId() {
		return this.accounts.findByName("globex").orElseThrow().id();
	}

	private int manifestStatus(String repository, String tag, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.registryClient.baseUrl() + "/v2/" + repository
				+ "/manifests/" + tag))
			.header("Authorization", "Bearer " + token)
			.header("Accept", RegistryClient.MANIFEST_TYPES)
			.GET()
			.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}


	private HttpResponse<String> postEvent(String body, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/registry/events"))
			.header("Content-Type", "application/vnd.docker.distribution.events.v1+json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		Optional.ofNullable(authorization).ifPresent(value -> request.header("Authorization", value));
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String pushEvent(String id, String repository, String tag, String digest) {
		return """
				{"events":[{"id":"%s","timestamp":"2026-01-02T03:04:05.123456789Z","action":"push",
				"target":{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":321,"digest":"%s",
				"length":321,"repository":"%s","tag":"%s"},
				"request":{"id":"r","addr":"127.0.0.1","host":"127.0.0.1","method":"PUT","useragent":"test"},
				"actor":{"name":"alice"},"source":{"addr":"localhost:5000","instanceID":"i"}}]}
				""".formatted(id, digest, repository, tag);
	}

}
