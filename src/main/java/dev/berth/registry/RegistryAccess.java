package dev.berth.registry;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.berth.accounts.AccessTokenScope;
import dev.berth.images.Image;
import dev.berth.images.ImageCatalog;
import dev.berth.images.ImageCatalog.ImageKey;
import dev.berth.organizations.AccessPolicy;
import dev.berth.organizations.Organization;
import dev.berth.organizations.OrganizationRepository;
import dev.berth.organizations.Permission;
import dev.berth.sharing.SharePulls;
import dev.berth.support.SqlCondition;

import org.springframework.stereotype.Component;

/**
 * Decides what a token grants: exactly the intersection of the requested actions and what the
 * requester may do. Pull on public images, on the account's own images (Read or more) and on
 * images validly shared with the account today (UTC); push with Edit or more, delete with Manage
 * (a new image name needs that on its organization); sharing never grants push or delete, and no
 * share works while its grantee account is disabled or its owner's shares are suspended. The
 * catalog belongs to the console's own identity only. A request made with an access token gets at
 * most what the token reaches (its organizations and/or shared images; pull, or pull and push; never
 * delete); public images stay pullable as they are for anybody.
 */
@Component
class RegistryAccess {

	enum Action {

		PULL, PUSH, DELETE;

		String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private final ImageCatalog catalog;

	private final OrganizationRepository organizations;

	private final AccessPolicy accessPolicy;

	private final SharePulls sharePulls;

	RegistryAccess(ImageCatalog catalog, OrganizationRepository organizations, AccessPolicy accessPolicy,
			SharePulls sharePulls) {
		this.catalog = catalog;
		this.organizations = organizations;
		this.accessPolicy = accessPolicy;
		this.sharePulls = sharePulls;
	}

	/**
	 * What the token grants, and whether any of it rests on a share (such a token lives shorter, so
	 * that a revoke or an expiry reaches pulls sooner).
	 */
	record Grant(List<Access> access, boolean viaShare) {
	}

	Grant grant(Requester requester, List<Scope> scopes) {
		List<Access> granted = new ArrayList<>();
		boolean viaShare = false;
		for (Scope scope : Scope.merged(scopes)) {
			if (scope.type().equals("registry") && scope.name().equals("catalog")) {
				if (requester.console() && scope.actions().contains("*")) {
					granted.add(Access.catalog());
				}
				continue;
			}
			if (!scope.type().equals("repository")) {
				continue;
			}
			Allowed allowed = allowed(requester, scope.name());
			List<String> actions = new ArrayList<>();
			for (Action action : Action.values()) {
				boolean requested = scope.actions().contains(action.word()) || scope.actions().contains("*");
				if (requested && allowed.actions().contains(action)) {
					actions.add(action.word());
				}
			}
			if (!actions.isEmpty()) {
				granted.add(Access.repository(scope.name(), actions));
				viaShare |= allowed.viaShare();
			}
		}
		return new Grant(granted, viaShare);
	}

	/** The actions allowed on one repository, and whether they come from a share. */
	record Allowed(Set<Action> actions, boolean viaShare) {

		static Allowed none() {
			return new Allowed(EnumSet.noneOf(Action.class), false);
		}

		static Allowed of(Set<Action> actions) {
			return new Allowed(actions, false);
		}

	}

	/** What the requester may do with the repository {@code organization/name}. */
	Allowed allowed(Requester requester, String repository) {
		if (requester.console()) {
			return Allowed.of(EnumSet.allOf(Action.class));
		}
		int slash = repository.indexOf('/');
		if (slash <= 0 || slash == repository.length() - 1) {
			return Allowed.none();
		}
		String organizationName = repository.substring(0, slash);
		String imageName = repository.substring(slash + 1);
		Optional<ImageKey> found = this.catalog.findKey(organizationName, imageName, shareAsked(requester));
		if (found.isPresent()) {
			return onImage(requester, found.get());
		}
		if (requester.user() == null || !Image.isValidName(imageName)) {
			return Allowed.none();
		}
		// A name the console does not know yet: a push creates it in the organization.
		return this.organizations.findByName(organizationName)
			.flatMap(organization -> this.accessPolicy.onOrganization(requester.user(), organization))
			.map(permission -> Allowed.of(limited(actionsOf(permission), requester.user().token())))
			.orElseGet(Allowed::none);
	}

	private Allowed onImage(Requester requester, ImageKey image) {
		Organization organization = image.organization();
		Set<Action> allowed = EnumSet.noneOf(Action.class);
		if (!image.isPrivate()) {
			allowed.add(Action.PULL);
		}
		if (requester.user() == null) {
			return Allowed.of(allowed);
		}
		// An access token narrows what the user may do: some organizations (the policy's), shared images, no push.
		Optional<Permission> permission = this.accessPolicy.onImage(requester.user(), organization, image.id());
		if (permission.isPresent()) {
			allowed.addAll(limited(actionsOf(permission.get()), requester.user().token()));
		}
		else if (organization.accountId() != requester.user().accountId() && image.matches()) {
			// A public image is pulled anyway; only a private one's pull rests on the share.
			boolean rests = !allowed.contains(Action.PULL);
			allowed.add(Action.PULL);
			return new Allowed(allowed, rests);
		}
		return Allowed.of(allowed);
	}

	/**
	 * The share that lets the requester's account pull an image now, asked in the statement that finds
	 * the image: a token request that rests on a share is then as many round trips as any other. A
	 * user's own account's images never rest on a share ({@link #onImage}).
	 */
	private SqlCondition shareAsked(Requester requester) {
		return (requester.user() != null && requester.user().reachesSharedImages())
				? this.sharePulls.pullableBy(requester.user().accountId()) : SqlCondition.NEVER;
	}

	/** What a token leaves of the actions: pull, and push when it may push; never delete. */
	private static Set<Action> limited(Set<Action> actions, Optional<AccessTokenScope> token) {
		if (token.isPresent()) {
			actions.remove(Action.DELETE);
			if (!token.get().push()) {
				actions.remove(Action.PUSH);
			}
		}
		return actions;
	}

	private static Set<Action> actionsOf(Permission permission) {
		Set<Action> actions = EnumSet.noneOf(Action.class);
		if (permission.mayPull()) {
			actions.add(Action.PULL);
		}
		if (permission.mayPush()) {
			actions.add(Action.PUSH);
		}
		if (permission.mayDelete()) {
			actions.add(Action.DELETE);
		}
		return actions;
	}

}
