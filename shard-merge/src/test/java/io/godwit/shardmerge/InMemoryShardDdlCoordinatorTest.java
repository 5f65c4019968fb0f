package io.godwit.shardmerge;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.godwit.shardmerge.Definitions.GROUP;
import static io.godwit.shardmerge.Definitions.TARGET;
import static io.godwit.shardmerge.Definitions.base;
import static io.godwit.shardmerge.Definitions.plus;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryShardDdlCoordinatorTest {
    @Test
    void concurrentShardsAddingTheSameColumnGetItRunExactlyOnce() throws Exception {
        int shardCount = 16;
        InMemoryShardDdlCoordinator coordinator = new InMemoryShardDdlCoordinator();
        List<ShardMember> members = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            ShardMember m = ShardMember.of("mysql-0" + (i % 2), "shard_" + i, "orders");
            coordinator.register(GROUP, m, base());
            members.add(m);
        }
        String add = "ALTER TABLE " + TARGET + " ADD COLUMN `level` int";
        List<String> executed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (ShardMember m : members) {
                futures.add(pool.submit(() -> {
                    start.await();
                    executed.addAll(coordinator.report(ShardDdlReport.of(GROUP, m, base(), add,
                            plus(base(), ShardColumn.nullable("level", "int")))).targetStatements());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(executed).containsExactly(add);
        assertThat(coordinator.group(GROUP).orElseThrow().membersBehindJoined()).isEmpty();
    }

    @Test
    void groupsAreIndependent() {
        InMemoryShardDdlCoordinator coordinator = new InMemoryShardDdlCoordinator();
        ShardGroupId other = ShardGroupId.of("orders", io.godwit.core.model.TableId.of("sales", "items"));
        ShardMember m = ShardMember.of("mysql-01", "shard_0", "orders_0");
        coordinator.register(GROUP, m, base());
        assertThat(coordinator.group(other)).isEmpty();
        assertThat(coordinator.groups()).hasSize(1);
        assertThat(other.toString()).isEqualTo("orders-`sales`.`items`");
    }
}
