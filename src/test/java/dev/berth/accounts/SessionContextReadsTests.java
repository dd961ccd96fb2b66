package dev.berth.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.berth.accounts.SessionContextReads.RememberedContexts;
import org.junit.jupiter.api.Test;

import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored security context is deserialized once per stored value; every read gets a context of its own. */
class SessionContextReadsTests {

	final AtomicInteger reads = new AtomicInteger();

	final DeserializingConverter java = new DeserializingConverter();

	final RememberedContexts contexts = new RememberedContexts((bytes) -> {
		this.reads.incrementAndGet();
		return this.java.convert(bytes);
	});

	static byte[] stored(Object value) {
		return new SerializingConverter().convert(value);
	}

	static SecurityContext signedIn(String name) {
		return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(name, null, List.of()));
	}

	@Test
	void sameStoredContextTwiceThenDeserializedOnce() {
		byte[] alice = stored(signedIn("alice"));

		SecurityContext first = (SecurityContext) this.contexts.convert(alice);
		SecurityContext second = (SecurityContext) this.contexts.convert(alice.clone());

		assertThat(this.reads).hasValue(1);
		assertThat(second.getAuthentication().getName()).isEqualTo("alice");
		assertThat(second).isNotSameAs(first);
	}

	@Test
	void contextClearedByOneRequestThenTheNextStillSignedIn() {
		byte[] alice = stored(signedIn("alice"));
		((SecurityContext) this.contexts.convert(alice)).setAuthentication(null);

		SecurityContext next = (SecurityContext) this.contexts.convert(alice);

		assertThat(next.getAuthentication()).isNotNull();
		assertThat(next.getAuthentication().getName()).isEqualTo("alice");
	}

	@Test
	void anotherUsersContextThenReadOnItsOwn() {
		this.contexts.convert(stored(signedIn("alice")));

		SecurityContext carol = (SecurityContext) this.contexts.convert(stored(signedIn("carol")));

		assertThat(this.reads).hasValue(2);
		assertThat(carol.getAuthentication().getName()).isEqualTo("carol");
	}

	@Test
	void otherAttributeThenDeserializedEveryTime() {
		byte[] messages = stored(new ArrayList<>(List.of("Image shared")));

		Object first = this.contexts.convert(messages);
		Object second = this.contexts.convert(messages);

		assertThat(this.reads).hasValue(2);
		assertThat(second).isEqualTo(List.of("Image shared")).isNotSameAs(first);
	}

}
