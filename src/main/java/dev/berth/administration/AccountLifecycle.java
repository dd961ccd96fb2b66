package dev.berth.administration;

import dev.berth.accounts.AccountAdministration;
import dev.berth.accounts.AccountInfo;
import dev.berth.accounts.BerthUser;
import dev.berth.administration.AccountDirectory.DeletionBlockers;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting an account: only when it owns no organizations and receives no shares, checked and
 * done in one transaction that holds the account's row, so that the check still holds when the
 * account goes.
 */
@Service
class AccountLifecycle {

	private final AccountAdministration accounts;

	private final AccountDirectory directory;

	AccountLifecycle(AccountAdministration accounts, AccountDirectory directory) {
		this.accounts = accounts;
		this.directory = directory;
	}

	/** Deletes the account unless something keeps it; returns what does (none: deleted). */
	@Transactional
	DeletionBlockers delete(BerthUser operator, AccountInfo account) {
		this.accounts.lock(account);
		DeletionBlockers blockers = this.directory.deletionBlockers(account.id());
		if (blockers.none()) {
			this.accounts.delete(operator, account);
		}
		return blockers;
	}

}
