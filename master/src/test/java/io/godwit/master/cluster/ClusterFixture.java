package io.godwit.master.cluster;

import io.godwit.master.TestYaml;
import io.godwit.master.meta.FileMetaStore;
import io.godwit.master.meta.MetaStore;
import java.nio.file.Path;
import java.util.List;

/** A master's services over a file store in {@code dir}, on a manual clock, with a 10 s lease. */
final class ClusterFixture {
    static final long LEASE_MS = 10_000;

    final ManualClock clock;
    final ClusterState state;
    final SourceService sources;
    final TaskService tasks;
    final MembershipService members;
    final ShardDdlService shardDdl;

    ClusterFixture(Path dir, ManualClock clock) {
        this(new FileMetaStore(dir), clock);
    }

    ClusterFixture(MetaStore store, ManualClock clock) {
        this.clock = clock;
        this.state = new ClusterState(store, clock, LEASE_MS);
        this.sources = new SourceService(state);
        this.tasks = new TaskService(state);
        this.members = new MembershipService(state);
        this.shardDdl = new ShardDdlService(state);
    }

    /** A fixture with sources s1 on worker w1 and s2 on w2. */
    static ClusterFixture twoBoundSources(Path dir, ManualClock clock) {
        ClusterFixture c = new ClusterFixture(dir, clock);
        c.beat("w1");
        c.beat("w2");
        c.sources.create(sourceYaml("s1"));
        c.sources.create(sourceYaml("s2"));
        return c;
    }

    static String sourceYaml(String id) {
        return TestYaml.sourceYaml(id);
    }

    static String taskYaml(String name, String... sourceIds) {
        return TestYaml.taskYaml(name, sourceIds);
    }

    /** A keepalive from {@code worker} reporting nothing. */
    KeepaliveResponse beat(String worker) {
        return members.keepalive(new KeepaliveRequest(worker, "127.0.0.1:" + worker.hashCode() % 1000, List.of()));
    }

    String workerOf(String source) {
        return sources.get(source).workerName();
    }

    String stageOf(String worker) {
        return members.workers().stream().filter(w -> w.name().equals(worker)).findFirst().orElseThrow().boundStage();
    }
}
