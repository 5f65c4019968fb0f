package io.godwit.master.meta;

/**
 * Where the master keeps its desired state. Each {@link #save} replaces the whole snapshot
 * atomically: after a crash a reader sees either the previous snapshot or the new one, never a mix.
 * Implementations: {@link FileMetaStore} (embedded, one directory); an etcd one for HA later.
 */
public interface MetaStore {
    /** The last saved snapshot, or {@link MetaSnapshot#EMPTY} when nothing was ever saved. */
    MetaSnapshot load();

    void save(MetaSnapshot snapshot);
}
