package dev.berth.audit;

import dev.berth.accounts.AccountEvent;
import dev.berth.accounts.AccountEvent.AccountCreated;
import dev.berth.accounts.AccountEvent.AccountDeleted;
import dev.berth.accounts.AccountEvent.AccountDisabled;
import dev.berth.accounts.AccountEvent.AccountEnabled;
import dev.berth.accounts.AccountEvent.LoginFailed;
import dev.berth.accounts.AccountEvent.LoginThrottled;
import dev.berth.accounts.AccountEvent.PasswordChanged;
import dev.berth.accounts.AccountEvent.PasswordReset;
import dev.berth.accounts.AccountEvent.TokenCreated;
import dev.berth.accounts.AccountEvent.TokenExpiredUsed;
import dev.berth.accounts.AccountEvent.TokenPolicyChanged;
import dev.berth.accounts.AccountEvent.TokenRevoked;
import dev.berth.accounts.AccountEvent.TokenUsedFromNewAddress;
import dev.berth.accounts.AccountEvent.UserCreated;
import dev.berth.accounts.AccountEvent.UserDeleted;
import dev.berth.accounts.AccountEvent.UserDisabled;
import dev.berth.accounts.AccountEvent.UserEnabled;
import dev.berth.accounts.AccountEvent.UserManagementRefused;

import org.springframework.context.event.EventListener;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Component;

/**
 * Records what the accounts module reports as audit events of the account concerned: the
 * operator's and the administrators' changes in the change's own transaction; refused logins and
 * refused requests on their own (there is no change to join), never with a password.
 */
@Component
class AccountAudit {

	private final AuditLog audit;

	private final MessageSourceAccessor messages;

	AccountAudit(AuditLog audit, MessageSourceAccessor messages) {
		this.audit = audit;
		this.messages = messages;
	}

	@EventListener
	void on(AccountEvent event) {
		if (event instanceof LoginFailed failed) {
			this.audit.recordOnItsOwn(entry(event, AuditAction.LOGIN_FAILED,
					text("audit.login." + failed.reason().name(), failed.address())));
		}
		else if (event instanceof LoginThrottled throttled) {
			this.audit.recordOnItsOwn(entry(event, AuditAction.LOGIN_THROTTLED,
					text("audit.login.throttled", throttled.retryAfterSeconds(), throttled.address())));
		}
		else if (event instanceof TokenExpiredUsed expired) {
			this.audit.recordOnItsOwn(entry(event, AuditAction.TOKEN_EXPIRED_USED,
					text("audit.token.expiredUsed", expired.tokenName(), expired.address())));
		}
		else if (event instanceof TokenUsedFromNewAddress used) {
			this.audit.recordOnItsOwn(entry(event, AuditAction.TOKEN_NEW_ADDRESS,
					text("audit.token.newAddress", used.tokenName(), used.address())));
		}
		else if (event instanceof UserManagementRefused refused) {
			this.audit.recordOnItsOwn(entry(event, AuditAction.USER_MANAGEMENT_REFUSED,
					text("audit.users.refused", text("audit.refused." + refused.attempt().name(), refused.target()))));
		}
		else {
			this.audit.record(change(event));
		}
	}

	private AuditEntry change(AccountEvent event) {
		if (event instanceof AccountCreated created) {
			return entry(event, AuditAction.ACCOUNT_CREATED,
					text("audit.account.created", created.accountName(), created.region(), created.administrator()));
		}
		if (event instanceof AccountDisabled disabled) {
			return entry(event, AuditAction.ACCOUNT_DISABLED, disabled.sharesSuspended()
					? text("audit.account.disabled.suspended", disabled.accountName())
					: text("audit.account.disabled", disabled.accountName()));
		}
		if (event instanceof AccountEnabled enabled) {
			return entry(event, AuditAction.ACCOUNT_ENABLED, text("audit.account", enabled.accountName()));
		}
		if (event instanceof AccountDeleted deleted) {
			return entry(event, AuditAction.ACCOUNT_DELETED, text("audit.account", deleted.accountName()));
		}
		if (event instanceof UserCreated created) {
			return entry(event, AuditAction.USER_CREATED, created.administrator()
					? text("audit.user.administrator", created.username()) : text("audit.user", created.username()));
		}
		if (event instanceof PasswordReset reset) {
			return entry(event, AuditAction.USER_PASSWORD_RESET, text("audit.user", reset.username()));
		}
		if (event instanceof UserDisabled disabled) {
			return entry(event, AuditAction.USER_DISABLED, text("audit.user", disabled.username()));
		}
		if (event instanceof UserEnabled enabled) {
			return entry(event, AuditAction.USER_ENABLED, text("audit.user", enabled.username()));
		}
		if (event instanceof UserDeleted deleted) {
			return entry(event, AuditAction.USER_DELETED, text("audit.user.deleted", deleted.username()));
		}
		if (event instanceof TokenCreated created) {
			return entry(event, AuditAction.TOKEN_CREATED,
					text("audit.token.created", created.tokenName(), created.scope(), created.expires()));
		}
		if (event instanceof TokenRevoked revoked) {
			return entry(event, AuditAction.TOKEN_REVOKED, text("audit.token.revoked", revoked.tokenName(), revoked.owner()));
		}
		if (event instanceof TokenPolicyChanged policy) {
			return entry(event, AuditAction.TOKEN_POLICY_CHANGED, policy.withoutExpiryAllowed()
					? text("audit.token.policy.allowed")
					: (policy.tokensGivenAnExpiry() == 0) ? text("audit.token.policy.refusedNone")
							: text("audit.token.policy.refused", policy.tokensGivenAnExpiry(), policy.expiresOn()));
		}
		if (event instanceof PasswordChanged) {
			return entry(event, AuditAction.PASSWORD_CHANGED, null);
		}
		throw new IllegalArgumentException("No audit action for " + event);
	}

	private static AuditEntry entry(AccountEvent event, AuditAction action, String detail) {
		return new AuditEntry(event.accountId(), java.util.Objects.toString(event.actor(), ""), action, null, null, null, null, null, null, detail);
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments);
	}

}
