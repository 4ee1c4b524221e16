/**
 * Business calendars (weekly hours, Japanese public holidays, closures), business-time arithmetic, the SLA clock and
 * the SLA policies that support applies to its tickets.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "workspace" })
package io.kizuna.calendars;
