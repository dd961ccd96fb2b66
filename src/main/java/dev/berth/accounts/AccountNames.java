package dev.berth.accounts;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Accounts' names by their ids, kept once read. An account's name never changes and an id never
 * names another account (a deleted account keeps its row and its name), so what one node read
 * stays true on every node; nothing needs to be forgotten but for room.
 */
@Component
public class AccountNames {

	/** A few hundred bytes each; an image's shares name at most 500 accounts. */
	private static final long KEPT = 20_000;

	private final Cache<Long, String> names = Caffeine.newBuilder().maximumSize(KEPT).build();

	private final JdbcClient jdbc;

	AccountNames(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The names of these accounts (none for an id that names no account). */
	public Map<Long, String> of(Collection<Long> accountIds) {
		return this.names.getAll(accountIds, this::read);
	}

	private Map<Long, String> read(Set<? extends Long> accountIds) {
		Map<Long, String> read = new HashMap<>();
		this.jdbc.sql("select id, name from account where id in (:ids)")
			.param("ids", accountIds)
			.query(rs -> {
				read.put(rs.getLong("id"), rs.getString("name"));
			});
		return read;
	}

}
