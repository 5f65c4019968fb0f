package io.godwit.core.config.rules;

import java.util.List;

/** One named entry of {@code block-allow-list} (or the old {@code black-white-list}). */
public record BlockAllowListRule(List<String> doDbs, List<String> ignoreDbs,
                                 List<TablePattern> doTables, List<TablePattern> ignoreTables) {
    public BlockAllowListRule {
        doDbs = doDbs == null ? List.of() : List.copyOf(doDbs);
        ignoreDbs = ignoreDbs == null ? List.of() : List.copyOf(ignoreDbs);
        doTables = doTables == null ? List.of() : List.copyOf(doTables);
        ignoreTables = ignoreTables == null ? List.of() : List.copyOf(ignoreTables);
    }

    public static final BlockAllowListRule ALLOW_ALL = new BlockAllowListRule(null, null, null, null);
}
