package dev.berth.registry;

import dev.berth.registry.RegistryEvent.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registry's notification endpoint. Only a request carrying the shared secret is read; the
 * body is parsed whatever its content type says.
 */
@RestController
class RegistryEventController {

	private static final Logger log = LoggerFactory.getLogger(RegistryEventController.class);

	private final NotificationSecret secret;

	private final RegistryEventHandler handler;

	private final JsonMapper json;

	RegistryEventController(NotificationSecret secret, RegistryEventHandler handler, JsonMapper json) {
		this.secret = secret;
		this.handler = handler;
		this.json = json;
	}

	@PostMapping(path = "/registry/events", consumes = "*/*")
	ResponseEntity<Void> receive(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody(required = false) byte[] body) {
		if (!this.secret.matches(authorization)) {
			return ResponseEntity.status(401).build();
		}
		Envelope envelope;
		try {
			envelope = (body != null) ? this.json.readValue(body, Envelope.class) : null;
		}
		catch (JacksonException ex) {
			log.warn("Unreadable registry notification: {}", ex.getOriginalMessage());
			return ResponseEntity.badRequest().build();
		}
		if (envelope != null && envelope.events() != null) {
			envelope.events().forEach(this.handler::handle);
		}
		return ResponseEntity.ok().build();
	}

}
