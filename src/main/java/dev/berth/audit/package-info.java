/**
 * What happened: audit events (shares created, changed, revoked, refused; permissions granted,
 * changed, removed) and the registry's pulls of shared images, and the Activity page that lists
 * them. Grant changes arrive as events from the organizations module; the modules above write
 * their events through {@link dev.berth.audit.AuditLog} and {@link dev.berth.audit.PullLog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = { "support", "accounts", "organizations" })
package dev.berth.audit;
