/**
 * The load unit: target schema creation ({@link io.godwit.loader.TargetSchemaCreator},
 * {@link io.godwit.loader.DdlAdapter}), exactly-once chunk import with checkpoints in the target
 * ({@link io.godwit.loader.ChunkImporter}, {@link io.godwit.loader.LoadCheckpoints}), and reading
 * dump directories in dumpling's layout for {@code task-mode: load} ({@link io.godwit.loader.DumpDirectory}).
 */
package io.godwit.loader;
