/**
 * Accounts (tenants) and their users: who is logged in, in which account and region; the login
 * form, HTTP Basic for the API, and the regions with their registry addresses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts", allowedDependencies = { "support" })
package dev.berth.accounts;
