/**
 * Images ({@code organization/name} with their tags): My Images (Private and Public Images),
 * image details with the Tags, Pull/Push and Permissions tabs, and who may see an image as what.
 * Shares are the sharing module's; it tells this one about them through {@link
 * dev.berth.images.ReceivedShares}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Images", allowedDependencies = { "support", "accounts", "organizations" })
package dev.berth.images;
