/**
 * The platform operator's Administration: the accounts of the installation with their figures
 * (users, organizations, images, shares given and received), creating, disabling, enabling and
 * deleting accounts, and the Activity of every account, refused logins included. It reads with SQL
 * read models across the modules below and changes accounts only through the accounts module's
 * API; it gives the operator no access to any account's images.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Administration", allowedDependencies = { "support", "accounts", "audit" })
package dev.berth.administration;
