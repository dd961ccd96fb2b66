/**
 * The registry side: Berth as the Docker Registry v2 token server ({@code /v2/token}), the
 * registry's notifications (pushes, deletes, pulls), the reconciliation from its catalog, and the
 * registry the console runs itself in the embedded default.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry", allowedDependencies = { "support", "accounts", "organizations", "audit", "images", "sharing" })
package dev.berth.registry;
