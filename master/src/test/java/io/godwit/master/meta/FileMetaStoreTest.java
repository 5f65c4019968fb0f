package io.godwit.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetaStoreTest {
    @TempDir Path dir;

    private static MetaSnapshot sample() {
        return MetaSnapshot.EMPTY
                .withSource("s1", "source-id: s1\n")
                .withSource("s2", "source-id: s2\n")
                .withBinding("s1", "w1")
                .withTask("t", new StoredTask("name: t\n", true), List.of("s1", "s2"), ExpectedStage.RUNNING)
                .withStage("t", List.of("s2"), ExpectedStage.PAUSED);
    }

    @Test
    void emptyDirectoryLoadsEmptySnapshot() {
        assertThat(new FileMetaStore(dir).load()).isEqualTo(MetaSnapshot.EMPTY);
    }

    @Test
    void snapshotSurvivesRestart() {
        MetaSnapshot saved = sample();
        new FileMetaStore(dir).save(saved);

        MetaSnapshot loaded = new FileMetaStore(dir).load();

        assertThat(loaded).isEqualTo(saved);
        assertThat(loaded.revision()).isEqualTo(5);
        assertThat(loaded.tasks().get("t").removeMeta()).isTrue();
        assertThat(loaded.subtasks().get("t").get("s1").stage()).isEqualTo(ExpectedStage.RUNNING);
        assertThat(loaded.subtasks().get("t").get("s2")).isEqualTo(new SubtaskTarget(ExpectedStage.PAUSED, 5));
        assertThat(loaded.bindings()).containsExactlyEntriesOf(java.util.Map.of("s1", "w1"));
    }

    @Test
    void disabledSourcesAndStoppedStagesSurviveRestart() {
        MetaSnapshot saved = sample().withSourceDisabled("s1").withStage("t", List.of("s1"), ExpectedStage.STOPPED);
        new FileMetaStore(dir).save(saved);

        MetaSnapshot loaded = new FileMetaStore(dir).load();

        assertThat(loaded.disabledSources()).containsExactly("s1");
        assertThat(loaded.bindings()).doesNotContainKey("s1");
        assertThat(loaded.subtasks().get("t").get("s1").stage()).isEqualTo(ExpectedStage.STOPPED);
    }

    @Test
    void storeWrittenBeforeSourcesCouldBeDisabledStillLoads() throws Exception {
        Files.writeString(dir.resolve(FileMetaStore.FILE_NAME), "{\"revision\": 2, \"sources\": {\"s1\": \"x\"},"
                + " \"tasks\": {}, \"bindings\": {\"s1\": \"w1\"}, \"subtasks\": {}}");

        MetaSnapshot loaded = new FileMetaStore(dir).load();

        assertThat(loaded.disabledSources()).isEmpty();
        assertThat(loaded.bindings()).containsEntry("s1", "w1");
    }

    @Test
    void shardGroupsSurviveRestartAndGoWithTheirTask() {
        io.godwit.shardmerge.ShardGroupId group = io.godwit.shardmerge.ShardGroupId.of("t",
                io.godwit.core.model.TableId.of("db", "tbl"));
        io.godwit.shardmerge.ShardMember member = io.godwit.shardmerge.ShardMember.of("s1", "db_0", "tbl_0");
        io.godwit.shardmerge.ShardTableDefinition definition = io.godwit.shardmerge.ShardTableDefinition.of(
                List.of(io.godwit.shardmerge.ShardColumn.nullable("id", "int")),
                List.of(io.godwit.shardmerge.ShardIndex.primaryKey("id")));
        io.godwit.shardmerge.InMemoryShardDdlCoordinator coordinator = new io.godwit.shardmerge.InMemoryShardDdlCoordinator();
        coordinator.register(group, member, definition);
        coordinator.report(io.godwit.shardmerge.ShardDdlReport.of(group, member, definition,
                "ALTER TABLE `db`.`tbl` ADD COLUMN `c` int", io.godwit.shardmerge.ShardTableDefinition.of(
                        List.of(io.godwit.shardmerge.ShardColumn.nullable("id", "int"),
                                io.godwit.shardmerge.ShardColumn.nullable("c", "int")), definition.indexes())));
        MetaSnapshot saved = sample().withShardGroup(coordinator.group(group).orElseThrow());
        new FileMetaStore(dir).save(saved);

        MetaSnapshot loaded = new FileMetaStore(dir).load();

        assertThat(loaded).isEqualTo(saved);
        assertThat(loaded.shardGroups()).containsOnlyKeys("t-`db`.`tbl`");
        assertThat(loaded.shardGroups().get("t-`db`.`tbl`").pendingOf(member)).hasSize(1);
        assertThat(loaded.withoutTask("t").shardGroups()).isEmpty();
        assertThat(loaded.withoutShardGroups("other").shardGroups()).hasSize(1);
    }

    @Test
    void storeWrittenBeforeShardGroupsWereKeptStillLoads() throws Exception {
        Files.writeString(dir.resolve(FileMetaStore.FILE_NAME), "{\"revision\": 2, \"sources\": {},"
                + " \"tasks\": {}, \"bindings\": {}, \"subtasks\": {}, \"disabled_sources\": []}");

        assertThat(new FileMetaStore(dir).load().shardGroups()).isEmpty();
    }

    @Test
    void laterSaveReplacesEarlierOne() {
        FileMetaStore store = new FileMetaStore(dir);
        store.save(sample());
        store.save(sample().withoutTask("t").withoutSource("s1"));

        MetaSnapshot loaded = new FileMetaStore(dir).load();

        assertThat(loaded.tasks()).isEmpty();
        assertThat(loaded.sources()).containsOnlyKeys("s2");
        assertThat(loaded.bindings()).isEmpty();
    }

    @Test
    void crashBeforeRenameLeavesPreviousSnapshotIntact() throws Exception {
        MetaSnapshot saved = sample();
        new FileMetaStore(dir).save(saved);
        // what a crash in the middle of the next save leaves: a half-written temp file
        Files.writeString(dir.resolve(FileMetaStore.FILE_NAME + ".tmp"), "{\"revision\": 6, \"sources\": {\"s3\"");

        FileMetaStore reopened = new FileMetaStore(dir);

        assertThat(reopened.load()).isEqualTo(saved);
        assertThat(dir.resolve(FileMetaStore.FILE_NAME + ".tmp")).doesNotExist();
        reopened.save(saved.withSource("s3", "source-id: s3\n"));
        assertThat(new FileMetaStore(dir).load().sources()).containsOnlyKeys("s1", "s2", "s3");
    }

    @Test
    void storeFileIsReadableByOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "file permissions need a POSIX file system");
        new FileMetaStore(dir).save(sample());

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(FileMetaStore.FILE_NAME)))).isEqualTo("rw-------");
    }

    @Test
    void corruptStoreIsAnErrorNotAnEmptyState() throws Exception {
        Files.writeString(dir.resolve(FileMetaStore.FILE_NAME), "{\"revision\": 3, \"sour");

        assertThatThrownBy(() -> new FileMetaStore(dir).load())
                .isInstanceOfSatisfying(GodwitException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLUSTER_META_STORE))
                .hasMessageContaining(FileMetaStore.FILE_NAME);
    }

    @Test
    void changesDoNotAlterTheOriginalSnapshot() {
        MetaSnapshot before = sample();
        MetaSnapshot after = before.withoutSource("s1");

        assertThat(before.sources()).containsOnlyKeys("s1", "s2");
        assertThat(before.bindings()).containsKey("s1");
        assertThat(after.bindings()).isEmpty();
        assertThat(after.revision()).isEqualTo(before.revision() + 1);
    }
}
