package dev.berth.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The fields that audited changes changed ({@code audit_change}), read for a page of events at once:
 * an account's Activity, an image's history and the operator's Activity show each changed field
 * with its old and new value.
 */
@Component
public class FieldChanges {

	private final JdbcClient jdbc;

	FieldChanges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Each given event's changed fields, in their order; an event that changed none is not in the map. */
	public Map<Long, List<AuditEntry.Change>> ofEvents(Collection<Long> eventIds) {
		Map<Long, List<AuditEntry.Change>> changes = new HashMap<>();
		if (eventIds.isEmpty()) {
			return changes;
		}
		this.jdbc.sql("""
				select event_id, field, old_value, new_value from audit_change
				where event_id in (:events) order by event_id, position
				""")
			.param("events", eventIds)
			.query(rs -> {
				changes.computeIfAbsent(rs.getLong("event_id"), id -> new ArrayList<>())
					.add(new AuditEntry.Change(rs.getString("field"), rs.getString("old_value"),
							rs.getString("new_value")));
			});
		return changes;
	}

}
