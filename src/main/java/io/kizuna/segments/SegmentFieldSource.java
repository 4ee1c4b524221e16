package io.kizuna.segments;

import java.util.List;

/**
 * The extension point through which a module contributes segment fields (ADR 0051): a bean of the contributing
 * module, e.g. support's open tickets or feedback's NPS, reading only what that module publishes.
 */
public interface SegmentFieldSource {

	List<SegmentField> fields();
}
