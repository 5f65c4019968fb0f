package io.godwit.filters;

import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.ExtractRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TableFilterChainTest {

    private final TableFilterChain chain = new TableFilterChain(
            new BlockAllowList(new BlockAllowListRule(List.of("shard_*"), null, null, null), false, "dm_meta"),
            new TableRouter(List.of(new RouteRule("shard_*", "orders", "shop", "orders",
                    null, new ExtractRule("shard_(\\d+)", "c_shard"), null)), false));

    @Test
    void routesAllowedTables() {
        assertThat(chain.resolve(TableId.of("shard_2", "orders"), "mysql-01")).hasValueSatisfying(route -> {
            assertThat(route.target()).isEqualTo(TableId.of("shop", "orders"));
            assertThat(route.extractColumns()).containsExactly(Map.entry("c_shard", "2"));
        });
    }

    @Test
    void keepsAllowedTablesWithoutRouteUnchanged() {
        assertThat(chain.resolve(TableId.of("shard_2", "carts"), "mysql-01"))
                .hasValueSatisfying(route -> assertThat(route.target()).isEqualTo(TableId.of("shard_2", "carts")));
    }

    @Test
    void dropsBlockedAndSystemTables() {
        assertThat(chain.resolve(TableId.of("crm", "orders"), "mysql-01")).isEmpty();
        assertThat(chain.resolve(TableId.of("mysql", "user"), "mysql-01")).isEmpty();
    }
}
