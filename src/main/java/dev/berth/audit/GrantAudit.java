package dev.berth.audit;

import java.util.stream.Collectors;

import dev.berth.organizations.GrantChanged;
import dev.berth.organizations.OrganizationDeleted;
import dev.berth.organizations.Permission;

import org.springframework.context.event.EventListener;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.stereotype.Component;

/**
 * Records every grant change, and the deletion of an organization with the grants on it, as an
 * audit event of the owning account, in the change's own transaction (the listener runs
 * synchronously where the event is published).
 */
@Component
class GrantAudit {

	private final AuditLog audit;

	private final MessageSourceAccessor messages;

	GrantAudit(AuditLog audit, MessageSourceAccessor messages) {
		this.audit = audit;
		this.messages = messages;
	}

	@EventListener
	void on(GrantChanged change) {
		var target = change.target();
		String detail = target.isImage()
				? this.messages.getMessage("audit.grant.image", new Object[] { change.username() })
				: this.messages.getMessage("audit.grant.organization", new Object[] { change.username(), target.name() });
		this.audit.record(new AuditEntry(target.accountId(), change.actor(), action(change), target.organizationId(),
				target.imageId(), target.name(), null, name(change.before()), name(change.after()), detail));
	}

	@EventListener
	void on(OrganizationDeleted deleted) {
		String grants = deleted.grants()
			.entrySet()
			.stream()
			.map(grant -> grant.getKey() + " (" + name(grant.getValue()) + ")")
			.collect(Collectors.joining(", "));
		String detail = grants.isEmpty() ? null
				: this.messages.getMessage("audit.organizationDeleted.grants", new Object[] { grants });
		this.audit.record(new AuditEntry(deleted.accountId(), deleted.actor(), AuditAction.ORGANIZATION_DELETED,
				deleted.organizationId(), null, deleted.name(), null, null, null, detail));
	}

	private static AuditAction action(GrantChanged change) {
		if (change.after() == null) {
			return AuditAction.PERMISSION_REMOVED;
		}
		return (change.before() == null) ? AuditAction.PERMISSION_GRANTED : AuditAction.PERMISSION_CHANGED;
	}

	private String name(Permission permission) {
		return (permission != null) ? this.messages.getMessage(permission.messageKey()) : null;
	}

}
