package io.godwit.worker.sync;

import io.godwit.binlog.schema.SchemaTracker;

/**
 * The sync's schema tracker as the DDL layer reads it: as of the event being applied, and as it was just before the
 * last DDL read (the reader never decodes past a DDL before the sync applied it, so that is the DDL being applied).
 */
public interface TrackedSchemas {
    SchemaTracker current();

    SchemaTracker beforeLastDdl();
}
