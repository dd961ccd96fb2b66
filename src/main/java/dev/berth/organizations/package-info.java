/**
 * Organizations (the namespaces of an account's images), the permissions users hold on them and
 * on single images, and the one {@link dev.berth.organizations.AccessPolicy} that turns those
 * grants into a user's effective permission, in Java and in SQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organizations and permissions", allowedDependencies = { "support", "accounts" })
package dev.berth.organizations;
