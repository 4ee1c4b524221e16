/** Usage: Segment-compatible event ingestion, the append-only event store and the daily rollups per account. */
package io.kizuna.usage;
