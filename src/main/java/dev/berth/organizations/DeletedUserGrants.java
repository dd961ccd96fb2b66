package dev.berth.organizations;

import dev.berth.accounts.AccountEvent.UserDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A deleted user's organization and image grants go with them, in the deletion's own transaction
 * (the listener runs where the accounts module publishes the event, before the user's row goes).
 * The audit keeps the user's name on the grant events it already has.
 */
@Component
class DeletedUserGrants {

	private final JdbcClient jdbc;

	DeletedUserGrants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(UserDeleted deleted) {
		this.jdbc.sql("delete from organization_grant where user_id = :user").param("user", deleted.userId()).update();
		this.jdbc.sql("delete from image_grant where user_id = :user").param("user", deleted.userId()).update();
	}

}
