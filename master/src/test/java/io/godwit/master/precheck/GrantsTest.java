package io.godwit.master.precheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrantsTest {
    @Test
    void privilegesByScopeWithColumnPrivilegesLeftOut() {
        Grants g = Grants.parse(List.of("GRANT RELOAD, REPLICATION SLAVE ON *.* TO `u`@`%`",
                "GRANT SELECT, INSERT (`a`, `b`) ON `db`.* TO `u`@`%`", "GRANT ALL PRIVILEGES ON `db2`.`t` TO `u`@`%`"));
        assertThat(g.global("REPLICATION SLAVE")).isTrue();
        assertThat(g.global("SELECT")).isFalse();
        assertThat(g.onSchema("SELECT", "DB")).isTrue();
        assertThat(g.onSchema("INSERT", "db")).as("column privilege only").isFalse();
        assertThat(g.onTable("DELETE", "db2", "t")).isTrue();
        assertThat(g.onTable("DELETE", "db2", "u")).isFalse();
        assertThat(g.anywhere("SELECT")).isTrue();
        assertThat(g.anywhere("LOCK TABLES")).as("ALL PRIVILEGES on db2.t").isTrue();
        assertThat(Grants.parse(List.of("GRANT USAGE ON *.* TO `u`@`%`")).anywhere("SELECT")).isFalse();
    }

    @Test
    void currentRoleOfMariaDbAndMySql() {
        assertThat(Grants.roleNames(null)).isEmpty();
        assertThat(Grants.roleNames("NONE")).isEmpty();
        assertThat(Grants.roleNames("dumper")).containsExactly("`dumper`");
        assertThat(Grants.roleNames("`r1`@`%`,`r,2`@`localhost`")).containsExactly("`r1`@`%`", "`r,2`@`localhost`");
    }

    @Test
    void roleGrantLinesNameTheRolesAndPrivilegeLinesDoNot() {
        assertThat(Grants.rolesGranted(List.of("GRANT USAGE ON *.* TO `r1`", "GRANT `r2` TO `r1`",
                "GRANT `r3`@`%`,`r4`@`%` TO `u`@`%` WITH ADMIN OPTION", "GRANT SELECT ON `db`.* TO `r1`")))
                .containsExactly("`r2`", "`r3`@`%`", "`r4`@`%`");
    }
}
