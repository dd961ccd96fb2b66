package dev.berth.testing;

import java.time.Instant;
import java.util.Set;

import dev.berth.accounts.Account;
import dev.berth.accounts.BerthUser;
import dev.berth.images.Image;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.Tag;
import dev.berth.images.Viewer;
import dev.berth.images.Visibility;
import dev.berth.organizations.Organization;
import dev.berth.organizations.Permission;

/** Users and images for controller slices, shaped like the demo data. */
public final class Fixtures {

	public static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	public static final Account ACME = new Account(1L, "acme", "eu-west-1", NOW);

	public static final BerthUser ALICE = new BerthUser(1, "alice", null, 1, "acme", "eu-west-1", true);

	public static final BerthUser BOB = new BerthUser(2, "bob", null, 1, "acme", "eu-west-1", false);

	public static final BerthUser CAROL = new BerthUser(3, "carol", null, 2, "globex", "eu-west-1", true);

	public static final Organization ACME_APPS = new Organization(10L, "acme-apps", ACME.id(), ACME.region(), NOW);

	private Fixtures() {
	}

	public static Image nginx() {
		return new Image(100L, 10L, 1L, ACME.region(), "acme-apps", "nginx", Visibility.PRIVATE, "Web server",
				"NGINX built for acme's apps", NOW, NOW, Set.of(new Tag("latest", "sha256:" + "a".repeat(64), 7_340_032L, NOW)),
				0, 0, 0);
	}

	public static VisibleImage nginxAs(Permission permission) {
		return new VisibleImage(ACME_APPS, nginx(), ACME, Viewer.owner(permission), "localhost:5000");
	}

}
