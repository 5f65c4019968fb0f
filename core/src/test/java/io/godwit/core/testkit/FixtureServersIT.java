package io.godwit.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void grantsAreEnforced() throws Exception {
        DbEndpoint target = TestDatabases.target();
        target.execute("CREATE USER IF NOT EXISTS 'fixture_pw'@'%' IDENTIFIED BY 'right'");
        DbEndpoint wrong = new DbEndpoint("wrong", target.host(), target.port(), "fixture_pw", "wrong");
        assertThatThrownBy(wrong::connect).isInstanceOf(java.sql.SQLException.class);
        DbEndpoint right = new DbEndpoint("right", target.host(), target.port(), "fixture_pw", "right");
        try (Connection c = right.connect()) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    private static String variable(DbEndpoint db, String name) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@" + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
