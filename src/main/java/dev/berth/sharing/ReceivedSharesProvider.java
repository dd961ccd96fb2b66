package dev.berth.sharing;

import java.time.Clock;
import java.util.Optional;

import dev.berth.audit.AuditAction;
import dev.berth.audit.AuditLog;
import dev.berth.images.ReceivedShares;
import dev.berth.support.Expiry;
import dev.berth.support.UtcDay;

import org.springframework.stereotype.Component;

/** Tells the images module whether an image is shared with an account (the grantee's view). */
@Component
class ReceivedSharesProvider implements ReceivedShares {

	private final ShareRepository shares;

	private final AuditLog audit;

	private final Clock clock;

	ReceivedSharesProvider(ShareRepository shares, AuditLog audit, Clock clock) {
		this.shares = shares;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public boolean wasRevoked(long imageId, long granteeAccountId) {
		return this.audit.happened(granteeAccountId, imageId, AuditAction.SHARE_RECEIVED_REVOKED);
	}

	@Override
	public Optional<ReceivedShare> of(long imageId, long granteeAccountId) {
		return this.shares.findByImageIdAndGranteeAccountId(imageId, granteeAccountId)
			.map(share -> new ReceivedShare(Expiry.of(share.validUntil(), UtcDay.today(this.clock)),
					share.description(), share.createdBy(), share.createdAt()));
	}

}
