package io.kizuna.segments;

import java.time.LocalDate;

/** A segment's size at the end of a day (the last evaluation of that day in the workspace's time zone). */
public record SegmentSize(LocalDate day, int members) {
}
