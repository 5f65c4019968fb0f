package io.godwit.filters;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypeTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void parsesEveryDmNameBackToItsType(EventType type) {
        assertThat(EventType.fromDmName(type.dmName())).isSameAs(type);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource({
            "create schema, CREATE_DATABASE",
            "drop schema,   DROP_DATABASE",
            "alter schema,  ALTER_DATABASE",
            "add index,     CREATE_INDEX",
            "ALL DML,       ALL_DML",
            "Truncate Table, TRUNCATE_TABLE",
    })
    void acceptsAliasesAndAnyCase(String name, EventType expected) {
        assertThat(EventType.fromDmName(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "inserts", "create  table", " insert", "replace"})
    void rejectsUnknownNamesWithOneLine(String name) {
        assertThatThrownBy(() -> EventType.fromDmName(name))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).startsWith("unknown binlog event type \"" + name + "\"")
                            .contains("all dml").doesNotContain("\n");
                });
    }

    @ParameterizedTest(name = "[{index}] {0} is {1}")
    @CsvSource({
            "insert, DML", "delete, DML",
            "create table, DDL", "alter table, DDL", "create database, DDL",
            "drop table, INCOMPATIBLE_DDL", "truncate table, INCOMPATIBLE_DDL", "rename table, INCOMPATIBLE_DDL",
            "drop database, INCOMPATIBLE_DDL", "drop index, INCOMPATIBLE_DDL",
            "all, GROUP", "none ddl, GROUP", "incompatible ddl changes, GROUP",
    })
    void classifiesLikeDm(String name, EventType.Kind kind) {
        assertThat(EventType.fromDmName(name).kind()).isEqualTo(kind);
    }
}
