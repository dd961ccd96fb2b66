package dev.berth.accounts;

import java.nio.ByteBuffer;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * A signed-in user's security context read from the session's stored bytes once, not on every
 * request.
 *
 * <p>
 * Spring Session JDBC keeps each session attribute as Java-serialized bytes and deserializes them
 * whenever a request asks for the attribute; Spring Security asks for the security context on every
 * request of a signed-in user. Reading those bytes again (resolving each class of the user's
 * object graph by name, checking its stream descriptor) was 6 % of the CPU a list page costs. Here
 * the sign-in ({@link Authentication}) deserialized from a given sequence of bytes is remembered
 * under those bytes, and the same bytes later yield it again in a new context of their own. The
 * key is the whole stored value, so nothing can be stale: a new sign-in, a refreshed user or any
 * other change of the context is other bytes, read as before, and every node still reads the
 * session row itself on every request (a logout or an ended session holds everywhere at once).
 *
 * <p>
 * What is shared between requests is only the {@link Authentication}, which Spring Security does
 * not change once a user is signed in (a logout clears the request's own context, a new one each
 * time). Other attributes (flash messages) are deserialized as before. Bounded by the bytes kept:
 * a few thousand signed-in users, each entry dropped after 30 minutes without a read (the session
 * timeout).
 */
@Configuration(proxyBeanMethods = false)
class SessionContextReads {

	/** About 2 KB of serialized context per signed-in user. */
	private static final long KEPT_BYTES = 8L * 1024 * 1024;

	private static final Duration UNREAD = Duration.ofMinutes(30);

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> rememberedSessionContexts(ResourceLoader resources) {
		GenericConversionService conversions = new GenericConversionService();
		conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
		conversions.addConverter(byte[].class, Object.class,
				new RememberedContexts(new DeserializingConverter(resources.getClassLoader())));
		return (sessions) -> sessions.setConversionService(conversions);
	}

	/** Stored bytes to attribute values, with the sign-ins of security contexts remembered by their bytes. */
	static final class RememberedContexts implements Converter<byte[], Object> {

		private final Converter<byte[], Object> deserializer;

		private final Cache<ByteBuffer, Authentication> signIns = Caffeine.newBuilder()
			.maximumWeight(KEPT_BYTES)
			.weigher((ByteBuffer bytes, Authentication signIn) -> bytes.capacity())
			.expireAfterAccess(UNREAD)
			.build();

		RememberedContexts(Converter<byte[], Object> deserializer) {
			this.deserializer = deserializer;
		}

		@Override
		public Object convert(byte[] bytes) {
			Authentication known = this.signIns.getIfPresent(ByteBuffer.wrap(bytes));
			if (known != null) {
				return new SecurityContextImpl(known);
			}
			Object value = this.deserializer.convert(bytes);
			if (value instanceof SecurityContextImpl context && context.getClass() == SecurityContextImpl.class
					&& context.getAuthentication() != null) {
				this.signIns.put(ByteBuffer.wrap(bytes.clone()), context.getAuthentication());
			}
			return value;
		}

	}

}
