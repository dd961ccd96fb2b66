package dev.berth.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes audit events. {@link #record} joins the caller's transaction (the event and the change
 * commit or roll back together); {@link #recordOnItsOwn} commits on its own, so a refusal stays on
 * record although the refused change rolled back.
 */
@Component
public class AuditLog {

	static final int MAX_VALUE = 2000;

	static final int MAX_DETAIL = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuditEntry entry) {
		insert(entry);
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordOnItsOwn(AuditEntry entry) {
		insert(entry);
	}

	/** Whether the account's audit holds such an event about the image (e.g. a share it received was revoked). */
	public boolean happened(long accountId, long imageId, AuditAction action) {
		return this.jdbc.sql("""
				select count(*) from audit_event
				where image_id = :image and account_id = :account and action = :action
				""")
			.param("image", imageId)
			.param("account", accountId)
			.param("action", action.name())
			.query(Integer.class)
			.single() > 0;
	}

	private void insert(AuditEntry entry) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into audit_event (account_id, actor, action, organization_id, image_id, image_name,
				                         grantee_account, old_value, new_value, detail, occurred_at)
				values (:account, :actor, :action, :organization, :image, :imageName, :grantee, :old, :new, :detail, :at)
				""")
			.param("account", entry.accountId())
			.param("actor", truncate(entry.actor(), 64))
			.param("action", entry.action().name())
			.param("organization", entry.organizationId())
			.param("image", entry.imageId())
			.param("imageName", truncate(entry.imageName(), 200))
			.param("grantee", truncate(entry.granteeAccount(), 64))
			.param("old", truncate(entry.oldValue(), MAX_VALUE))
			.param("new", truncate(entry.newValue(), MAX_VALUE))
			.param("detail", truncate(entry.detail(), MAX_DETAIL))
			.param("at", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update(key, "id");
		int position = 0;
		for (AuditEntry.Change change : entry.changes()) {
			this.jdbc.sql("""
					insert into audit_change (event_id, position, field, old_value, new_value)
					values (:event, :position, :field, :old, :new)
					""")
				.param("event", key.getKey().longValue())
				.param("position", position++)
				.param("field", change.field())
				.param("old", truncate(change.oldValue(), MAX_VALUE))
				.param("new", truncate(change.newValue(), MAX_VALUE))
				.update();
		}
	}

	/** Shortens to at most {@code max} UTF-16 units without splitting a character. */
	static String truncate(String value, int max) {
		if (value == null || value.length() <= max) {
			return value;
		}
		int end = max - 1;
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(0, end) + "…";
	}

}
