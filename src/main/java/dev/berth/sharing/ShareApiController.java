package dev.berth.sharing;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.accounts.AccountStanding;
import dev.berth.accounts.BerthUser;
import dev.berth.images.ImageAccess;
import dev.berth.images.ImageAccess.VisibleImage;
import dev.berth.images.ImageDetails;
import dev.berth.support.ForbiddenException;
import dev.berth.support.JsonApi;
import dev.berth.support.NotFoundException;
import dev.berth.support.ProblemException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The JSON API of sharing, for a session or HTTP Basic: the shares of an image, and the images
 * shared by and with the caller's account. Same rules and messages as the dialog; errors are
 * problem details with a {@code code} (see {@link dev.berth.support.Problems}).
 */
@JsonApi("/api/v1")
class ShareApiController {

	static final int MAX_LIMIT = 1000;

	private final ImageAccess access;

	private final ShareService service;

	private final SharedImages sharedImages;

	private final AccountStanding standing;

	ShareApiController(ImageAccess access, ShareService service, SharedImages sharedImages, AccountStanding standing) {
		this.access = access;
		this.service = service;
		this.sharedImages = sharedImages;
		this.standing = standing;
	}

	@GetMapping("/shares/{organization}/{*name}")
	List<ShareJson> shares(@AuthenticationPrincipal BerthUser me, @PathVariable String organization,
			@PathVariable String name) {
		VisibleImage image = image(me, organization, name);
		if (!image.viewer().ownerSide()) {
			throw new ForbiddenException(Refusal.NOT_MANAGER.code(), Refusal.NOT_MANAGER.messageKey(), image.path());
		}
		return this.sharedImages.all(image.image().id()).stream().map(row -> ShareJson.of(image.path(), row)).toList();
	}

	@PostMapping("/shares/{organization}/{*name}")
	ResponseEntity<ShareJson> create(@AuthenticationPrincipal BerthUser me, @PathVariable String organization,
			@PathVariable String name, @RequestBody ShareRequest request) {
		VisibleImage image = image(me, organization, name);
		ShareForm form = request.toForm(request.account());
		Share share = this.service.share(me, image, form);
		// Answered from what was saved: after the commit nothing can fail and report a saved share as an error.
		ShareJson body = ShareJson.of(image.path(), share, form.shareWith(), this.service.today(), Pulls.NONE,
				this.standing.isDisabled(share.granteeAccountId()));
		return ResponseEntity.created(URI.create("/api/v1/shares/" + image.path() + "?account=" + body.account()))
			.body(body);
	}

	@PutMapping("/shares/{organization}/{*name}")
	ShareJson update(@AuthenticationPrincipal BerthUser me, @PathVariable String organization,
			@PathVariable String name, @RequestParam("account") String typed, @RequestBody ShareRequest request) {
		String account = ShareForm.accountName(typed);
		VisibleImage image = image(me, organization, name);
		Share share = this.service.shareWith(me, image, account);
		request.checkAccount(account);
		ShareRow before = this.sharedImages.row(share);
		// What the request leaves out is taken from the share as it is when its row is locked.
		Share changed = this.service.update(me, image, share, current -> request.changing(account, current));
		return ShareJson.of(image.path(), changed, account, this.service.today(), before.pulls(), before.granteeDisabled());
	}

	@DeleteMapping("/shares/{organization}/{*name}")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal BerthUser me, @PathVariable String organization,
			@PathVariable String name, @RequestParam("account") String typed) {
		String account = ShareForm.accountName(typed);
		VisibleImage image = image(me, organization, name);
		if (!this.service.revoke(me, image, this.service.shareWith(me, image, account))) {
			// Revoked by a request just before: as if that one had finished before this was asked.
			throw new NotFoundException("problem.404.share");
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/shared-by-me")
	List<ShareJson> sharedByMe(@AuthenticationPrincipal BerthUser me, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "0") long offset) {
		checkPaging(limit, offset);
		return this.sharedImages.sharedBy(me, limit, offset)
			.stream()
			.map(row -> ShareJson.of(row.image(), row.share()))
			.toList();
	}

	@GetMapping("/shared-with-me")
	List<ReceivedJson> sharedWithMe(@AuthenticationPrincipal BerthUser me, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "0") long offset) {
		checkPaging(limit, offset);
		return this.sharedImages.sharedWith(me, limit, offset).stream().map(ReceivedJson::of).toList();
	}

	private static void checkPaging(int limit, long offset) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid_paging", "api.paging.limit", MAX_LIMIT);
		}
		if (offset < 0) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid_paging", "api.paging.offset");
		}
	}

	private VisibleImage image(BerthUser me, String organization, String name) {
		return this.access.visible(me, organization, ImageDetails.name(name));
	}

	/** A share to create or change. */
	record ShareRequest(String account, LocalDate validUntil, Boolean permanent, String description) {

		/** A new share: without {@code permanent}, no Valid Until means Permanently valid. */
		ShareForm toForm(String grantee) {
			checkTerm();
			boolean forever = (this.permanent != null) ? this.permanent : this.validUntil == null;
			return new ShareForm(grantee, this.validUntil, forever, this.description);
		}

		/**
		 * A change of the share: what the request leaves out stays as it is (a client that changes the
		 * description never drops the end date, which would give the grantee access for good).
		 */
		ShareForm changing(String grantee, Share current) {
			checkTerm();
			boolean sameTerm = this.permanent == null && this.validUntil == null;
			LocalDate until = sameTerm ? current.validUntil() : this.validUntil;
			boolean forever = (this.permanent != null) ? this.permanent : sameTerm && current.validUntil() == null;
			String description = (this.description != null) ? this.description : current.description();
			return new ShareForm(grantee, until, forever, description);
		}

		/** A date and Permanently valid at once: which one was meant is not guessed. */
		private void checkTerm() {
			if (Boolean.TRUE.equals(this.permanent) && this.validUntil != null) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid_share", "api.share.termTwice")
					.withField("permanent");
			}
		}

		/** A share's account is the one of its address; a body naming another is not a move of the share. */
		void checkAccount(String account) {
			if (this.account != null && !ShareForm.accountName(this.account).equals(account)) {
				throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid_share", "api.share.accountChange", account)
					.withField("account");
			}
		}

	}

	record ShareJson(String image, String account, LocalDate validUntil, boolean permanent, String permission,
			String description, String status, String createdBy, Instant createdAt, Instant updatedAt,
			Map<String, Object> pulls) {

		static ShareJson of(String image, ShareRow row) {
			return new ShareJson(image, row.account(), row.validUntil(), row.isPermanent(), row.permission(),
					row.description(), status(row), row.createdBy(), row.createdAt(),
					row.updatedAt(), pulls(row.pulls()));
		}

		static ShareJson of(String image, Share share, String account, LocalDate today, Pulls pulls,
				boolean granteeDisabled) {
			return new ShareJson(image, account, share.validUntil(), share.isPermanent(), share.permission(),
					share.description(), status(share.isValidOn(today), granteeDisabled), share.createdBy(),
					share.createdAt(), share.updatedAt(), pulls(pulls));
		}

		private static String status(ShareRow row) {
			return status(row.valid(), row.granteeDisabled());
		}

		/** As the Sharing tab says it: a share to a disabled account pulls nothing, whatever its date. */
		private static String status(boolean valid, boolean granteeDisabled) {
			if (!valid) {
				return "EXPIRED";
			}
			return granteeDisabled ? "ACCOUNT_DISABLED" : "VALID";
		}

		private static Map<String, Object> pulls(Pulls summary) {
			Map<String, Object> pulls = new LinkedHashMap<>();
			pulls.put("count", summary.count());
			pulls.put("lastAt", summary.lastAt());
			pulls.put("lastUser", summary.lastUser());
			pulls.put("lastTag", summary.lastTag());
			pulls.put("lastDigest", summary.lastDigest());
			return pulls;
		}

	}

	record ReceivedJson(String image, String owner, LocalDate validUntil, boolean permanent, String status) {

		static ReceivedJson of(ReceivedImage row) {
			return new ReceivedJson(row.path(), row.ownerAccount(), row.validUntil(), row.isPermanent(),
					row.valid() ? "VALID" : "EXPIRED");
		}

	}

}
