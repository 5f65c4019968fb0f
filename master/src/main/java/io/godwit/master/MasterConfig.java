package io.godwit.master;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a master runs: its member name, where it listens ({@code host}, {@code port}; 0 picks a free
 * port), the address it tells others ({@code advertiseAddr}, empty: the bound one), its data
 * directory and the workers' lease ({@code keepaliveTtl}, DM's keepalive-ttl).
 */
public record MasterConfig(String name, String host, int port, String advertiseAddr, Path dataDir,
                           Duration keepaliveTtl) {
    public static final Duration DEFAULT_KEEPALIVE_TTL = Duration.ofSeconds(10);

    public MasterConfig {
        advertiseAddr = advertiseAddr == null ? "" : advertiseAddr;
        keepaliveTtl = keepaliveTtl == null ? DEFAULT_KEEPALIVE_TTL : keepaliveTtl;
    }
}
