package io.godwit.worker.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.TableId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationProgressTest {
    @Test
    void reportsPercentRowsAndTablesInProgress() {
        MigrationProgress p = new MigrationProgress();
        TableProgress a = p.table("s1", TableId.of("db", "a"), 1000);
        TableProgress b = p.table("s1", TableId.of("db", "b"), 1000);
        a.planned(2);
        b.planned(1);
        a.addRows(500, 5000);
        a.chunkDone(500, false);
        List<String> lines = p.report(8);
        assertThat(lines.get(0)).contains(" 25.0%", "500/2,000 rows", "tables 0/2");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("s1 db.a", "500/1,000 rows", "chunks 1/2");
    }

    @Test
    void aFinishedTableCountsItsRealRowsNotTheEstimate() {
        MigrationProgress p = new MigrationProgress();
        TableProgress t = p.table("s1", TableId.of("db", "t"), 1010);
        t.planned(1);
        t.addRows(1000, 10_000);
        t.chunkDone(1000, false);
        assertThat(p.expectedRows()).isEqualTo(1000);
        assertThat(p.report(8).get(0)).contains("100.0%", "tables 1/1");
    }

    @Test
    void aTableBuildingItsIndexesIsNotDoneAndTheTotalStaysBelowAHundredPercent() {
        MigrationProgress p = new MigrationProgress();
        TableProgress t = p.table("s1", TableId.of("db", "t"), 1000);
        t.planned(1);
        t.indexesPending();
        t.addRows(1000, 10_000);
        t.chunkDone(1000, false);
        List<String> lines = p.report(8);
        assertThat(lines.get(0)).contains("99.9%", "1,000/1,000 rows", "tables 0/1");
        assertThat(lines).contains("  building indexes of 1 table(s)");
        t.indexesBuilt();
        assertThat(p.report(8)).hasSize(1).first().asString().contains("100.0%", "tables 1/1");
    }

    @Test
    void estimateGrowsWhenTheTableHasMoreRowsThanEstimated() {
        MigrationProgress p = new MigrationProgress();
        TableProgress t = p.table("s1", TableId.of("db", "t"), 10);
        t.planned(2);
        t.addRows(50, 500);
        assertThat(t.expectedRows()).isEqualTo(50);
    }

    @Test
    void formatsBytesAndDurations() {
        assertThat(MigrationProgress.formatBytes(512)).isEqualTo("512 B");
        assertThat(MigrationProgress.formatBytes(1536)).isEqualTo("1.5 KiB");
        assertThat(MigrationProgress.formatBytes(3L << 30)).isEqualTo("3.0 GiB");
        assertThat(MigrationProgress.formatDuration(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(MigrationProgress.formatDuration(Duration.ofSeconds(61))).isEqualTo("1m01s");
        assertThat(MigrationProgress.formatDuration(Duration.ofSeconds(3725))).isEqualTo("1h02m05s");
    }
}
