package io.godwit.worker.check;

import io.godwit.core.model.TableId;

/** A source table whose rows went (routed, perhaps merged with others) into a target table. */
public record ShardSource(String sourceId, TableId table) {}
