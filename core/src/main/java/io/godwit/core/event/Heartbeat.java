package io.godwit.core.event;

import io.godwit.core.model.BinlogLocation;

/** The source is alive and has nothing newer than {@link #at()}: keeps lag figures honest while idle. */
public record Heartbeat(BinlogLocation at, long sourceTimeMillis) implements ChangeEvent {}
