package io.godwit.core.db;

/** Which side of a migration a connection talks to; decides how its errors are reported. */
public enum Endpoint { SOURCE, TARGET }
