package dev.berth.sharing;

import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The one clock of the sharing tests: fixed, and movable across the UTC midnight boundary. */
@TestConfiguration(proxyBeanMethods = false)
public class SharingTestConfiguration {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock();
	}

}
