/**
 * Sharing private images pull-only with other accounts of the same region: the Share Image
 * dialog and its rules ({@link dev.berth.sharing.ShareService}), the Sharing tab, Images From
 * Others, batch sharing and the JSON API. The rules are written out in {@code docs/sharing-rules.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sharing", allowedDependencies = { "support", "accounts", "organizations", "audit", "images" })
package dev.berth.sharing;
