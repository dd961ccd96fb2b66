package dev.berth.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message bundles hold each key once, and every key a template names is in them. A key given
 * twice is silently the last one: the Permissions tab once said "{0} holds no image grant on {1}:
 * nothing was changed." where it meant "No access", because a later line reused its key.
 */
class MessageKeysTests {

	private static final Pattern KEY_LINE = Pattern.compile("^([^#!\\s=:][^=:\\s]*)\\s*[=:]");

	/** A literal key in a template, {@code #{key}} or {@code #{key(…)}}; keys built by expressions are left out. */
	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9._-]*)[}(]");

	private final PathMatchingResourcePatternResolver resources = new PathMatchingResourcePatternResolver();

	@Test
	void everyKeyIsDefinedOnceAcrossTheBundles() throws IOException {
		Map<String, List<String>> definedIn = new HashMap<>();
		for (Resource bundle : bundles()) {
			String text = read(bundle);
			for (String line : text.split("\n")) {
				Matcher key = KEY_LINE.matcher(line);
				if (key.find()) {
					definedIn.computeIfAbsent(key.group(1), (k) -> new ArrayList<>()).add(bundle.getFilename());
				}
			}
		}
		assertThat(definedIn).isNotEmpty();
		assertThat(definedIn.entrySet().stream().filter((e) -> e.getValue().size() > 1).map(Object::toString))
			.as("keys defined more than once")
			.isEmpty();
	}

	@Test
	void everyKeyATemplateNamesIsDefined() throws IOException {
		Properties messages = new Properties();
		for (Resource bundle : bundles()) {
			try (InputStream in = bundle.getInputStream()) {
				messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
		}
		Set<String> missing = new TreeSet<>();
		Resource[] templates = this.resources.getResources("classpath*:templates/**/*.html");
		assertThat(templates).hasSizeGreaterThan(10);
		for (Resource template : templates) {
			Matcher key = TEMPLATE_KEY.matcher(read(template));
			while (key.find()) {
				if (!messages.containsKey(key.group(1))) {
					missing.add(template.getFilename() + ": " + key.group(1));
				}
			}
		}
		assertThat(missing).as("keys named in templates and not defined").isEmpty();
	}

	private List<Resource> bundles() throws IOException {
		List<Resource> bundles = new ArrayList<>(List.of(this.resources.getResources("classpath*:messages*.properties")));
		assertThat(bundles).hasSizeGreaterThan(1);
		return bundles;
	}

	private static String read(Resource resource) throws IOException {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
