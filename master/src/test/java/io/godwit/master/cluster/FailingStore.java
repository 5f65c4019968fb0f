package io.godwit.master.cluster;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.master.meta.FileMetaStore;
import io.godwit.master.meta.MetaSnapshot;
import io.godwit.master.meta.MetaStore;
import java.nio.file.Path;

/** A file store whose next save fails (disk full, read-only) when told to. */
final class FailingStore implements MetaStore {
    private final FileMetaStore files;
    boolean failNextSave;

    FailingStore(Path dir) {
        this.files = new FileMetaStore(dir);
    }

    @Override public MetaSnapshot load() {
        return files.load();
    }

    @Override public void save(MetaSnapshot snapshot) {
        if (failNextSave) {
            failNextSave = false;
            throw new GodwitException(ErrorCode.CLUSTER_META_STORE, "no space left on device");
        }
        files.save(snapshot);
    }
}
