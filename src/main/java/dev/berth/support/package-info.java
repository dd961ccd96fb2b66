/**
 * The kernel every feature module builds on: paging, errors (RFC 9457 problem details), the
 * clock and the UTC day, message texts, formats for the templates, and SQL conditions. It imports
 * no feature module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Support", allowedDependencies = {  })
package dev.berth.support;
