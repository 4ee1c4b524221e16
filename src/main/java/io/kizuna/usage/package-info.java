/** Usage: Segment-compatible event ingestion, the append-only event store and the daily rollups per account. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "imports", "shared", "workspace" })
package io.kizuna.usage;
