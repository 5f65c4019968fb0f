package io.godwit.shardmerge;

import io.godwit.shardmerge.ColumnTypeOrder.Relation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnTypeOrderTest {
    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            int(11)              | int                   | EQUAL
            INT(11)              | integer               | EQUAL
            int                  | bigint(20)            | NARROWER
            bigint               | smallint              | WIDER
            tinyint(4)           | mediumint(9)          | NARROWER
            int(10) unsigned     | bigint(20) unsigned   | NARROWER
            int                  | int unsigned          | INCOMPATIBLE
            int(10) unsigned zerofill | int unsigned     | EQUAL
            varchar(10)          | varchar(20)           | NARROWER
            varchar(20)          | varchar(10)           | WIDER
            char(10)             | varchar(10)           | NARROWER
            char(10)             | varchar(5)            | INCOMPATIBLE
            varchar(10)          | char(10)              | WIDER
            binary(4)            | varbinary(8)          | NARROWER
            varchar(10)          | varbinary(10)         | INCOMPATIBLE
            varchar(255)         | text                  | INCOMPATIBLE
            text                 | mediumtext            | NARROWER
            longblob             | blob                  | WIDER
            text                 | blob                  | INCOMPATIBLE
            decimal(10,2)        | decimal(12,2)         | NARROWER
            decimal(10,2)        | decimal(10,4)         | INCOMPATIBLE
            decimal(12,4)        | decimal(10,2)         | WIDER
            decimal              | decimal(10,0)         | EQUAL
            float                | double                | NARROWER
            bit(1)               | bit(8)                | NARROWER
            datetime             | datetime              | EQUAL
            datetime             | timestamp             | INCOMPATIBLE
            datetime(3)          | datetime(6)           | INCOMPATIBLE
            json                 | text                  | INCOMPATIBLE
            int                  | varchar(11)           | INCOMPATIBLE
            """)
    void ordersTypesAsTheJoinNeeds(String a, String b, Relation expected) {
        assertThat(ColumnTypeOrder.compare(a, b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            enum('a','b')        | enum('a','b','c')     | NARROWER
            enum('a', 'b')       | enum('a','b')         | EQUAL
            enum('a','b','c')    | enum('a','b')         | WIDER
            enum('a','b')        | enum('b','a','c')     | INCOMPATIBLE
            enum('A','b')        | enum('a','b')         | INCOMPATIBLE
            set('x','y')         | set('x','y','z')      | NARROWER
            set('x')             | enum('x','y')         | INCOMPATIBLE
            enum('a b','c')      | enum('a b','c','d')   | NARROWER
            """)
    void enumsAndSetsWidenOnlyByAppendedMembers(String a, String b, Relation expected) {
        assertThat(ColumnTypeOrder.compare(a, b)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            int         | bigint      | bigint
            varchar(30) | varchar(20) | varchar(30)
            int(11)     | int         | int(11)
            """)
    void widerPicksTheWiderType(String a, String b, String wider) {
        assertThat(ColumnTypeOrder.wider(a, b)).isEqualTo(wider);
    }
}
