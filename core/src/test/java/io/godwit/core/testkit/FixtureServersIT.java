package io.godwit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class FixtureServersIT {
    @Test
    void sourcesAreReplicationReadyWithDistinctServerIds() throws Exception {
        TestDatabases.startAll();
        assertThat(variable(TestDatabases.source1(), "log_bin")).isIn("1", "ON");
        assertThat(variable(TestDatabases.source1(), "binlog_format")).isEqualTo("ROW");
        assertThat(variable(TestDatabases.source2(), "binlog_row_image")).isEqualTo("FULL");
        assertThat(variable(TestDatabases.source1(), "server_id"))
                .isNotEqualTo(variable(TestDatabases.source2(), "server_id"))
                .isNotEqualTo(variable(TestDatabases.target(), "server_id"));
    }

    private static String variable(DbEndpoint db, String name) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@" + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
