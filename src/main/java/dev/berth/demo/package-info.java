/**
 * The demo of the embedded default (profile {@code demo}): its accounts, users, organizations and
 * images, loaded once, and real images pushed for its tags. The top module: it may use every
 * other, and none uses it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package dev.berth.demo;
