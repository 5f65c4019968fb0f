package io.godwit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GtidSetTest {
    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "7a0a5d4e-0b6c-11ef-8f7a-0242ac120002";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // MySQL: upper case, whitespace and newlines between members, unsorted and adjacent intervals
            "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7                 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:7:1-5:6               | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-7",
            "7a0a5d4e-0b6c-11ef-8f7a-0242ac120002:1-3,\t 3e11fa47-71ca-11e1-9e33-c80aa9429562:2 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:2,7a0a5d4e-0b6c-11ef-8f7a-0242ac120002:1-3",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3,3e11fa47-71ca-11e1-9e33-c80aa9429562:4-9 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-9",
            // MySQL 8.3+ tagged transactions sort after the untagged ones of their source
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:Tag_1:1-2:3,3e11fa47-71ca-11e1-9e33-c80aa9429562:1 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1:tag_1:1-3",
            // MariaDB: one position per domain, sorted by domain
            "1-2-7, 0-1-5                                               | 0-1-5,1-2-7",
            "0-101-18446744073709551615                                 | 0-101-18446744073709551615",
    })
    void parsesAndFormatsCanonically(String text, String canonical) {
        GtidSet set = GtidSet.parse(text);
        assertThat(set).hasToString(canonical);
        assertThat(GtidSet.parse(set.toString())).isEqualTo(set);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "3e11fa47-71ca-11e1-9e33-c80aa9429562",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:0",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:5-3",
            "3e11fa47-71ca-11e1-9e33:1-3",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-x",
            "0-1-5,0-2-6",
            "0-1",
            "'   '",
    })
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> GtidSet.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toleratesNewlinesAsTheServerPrintsThem() {
        assertThat(GtidSet.parse(B + ":1-3,\n" + A + ":2")).hasToString(A + ":2," + B + ":1-3");
    }

    @Test
    void emptyTextIsTheEmptySetOfTheChosenFlavor() {
        assertThat(MySqlGtidSet.parse("")).isSameAs(MySqlGtidSet.EMPTY);
        assertThat(MariaDbGtidSet.parse(" ")).isSameAs(MariaDbGtidSet.EMPTY);
        assertThat(MySqlGtidSet.EMPTY.isEmpty()).isTrue();
        assertThat(MySqlGtidSet.EMPTY.with(A + ":1")).hasToString(A + ":1");
        assertThat(MariaDbGtidSet.EMPTY.with("0-1-1")).hasToString("0-1-1");
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | 3e11fa47-71ca-11e1-9e33-c80aa9429562:6   | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-6",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | 3e11fa47-71ca-11e1-9e33-c80aa9429562:8   | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:8",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7  | 3e11fa47-71ca-11e1-9e33-c80aa9429562:6   | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-7",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:2-5    | 3e11fa47-71ca-11e1-9e33-c80aa9429562:3   | 3e11fa47-71ca-11e1-9e33-c80aa9429562:2-5",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1      | 7A0A5D4E-0B6C-11EF-8F7A-0242AC120002:1   | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1,7a0a5d4e-0b6c-11ef-8f7a-0242ac120002:1",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1      | 3e11fa47-71ca-11e1-9e33-c80aa9429562:ab:4 | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1:ab:4",
            "0-1-5,1-2-7                                 | 0-1-6                                     | 0-1-6,1-2-7",
            "0-1-5                                       | 2-3-1                                     | 0-1-5,2-3-1",
            "0-1-5                                       | 0-2-6                                     | 0-2-6",
    })
    void addsOneTransaction(String set, String gtid, String expected) {
        GtidSet after = GtidSet.parse(set).with(gtid);
        assertThat(after).hasToString(expected);
        assertThat(after.contains(gtid)).isTrue();
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7  | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1   | true",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7  | 3e11fa47-71ca-11e1-9e33-c80aa9429562:5   | true",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7  | 3E11FA47-71CA-11E1-9E33-C80AA9429562:7   | true",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7  | 3e11fa47-71ca-11e1-9e33-c80aa9429562:6   | false",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7  | 7a0a5d4e-0b6c-11ef-8f7a-0242ac120002:1   | false",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | 3e11fa47-71ca-11e1-9e33-c80aa9429562:t:1 | false",
            "0-1-5,1-2-7                                 | 0-1-5                                    | true",
            "0-1-5,1-2-7                                 | 0-9-3                                    | true",
            "0-1-5,1-2-7                                 | 1-2-8                                    | false",
            "0-1-5,1-2-7                                 | 2-1-1                                    | false",
    })
    void containsByTransaction(String set, String gtid, boolean expected) {
        assertThat(GtidSet.parse(set).contains(gtid)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | SAME",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-4    | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | BEFORE",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:9  | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | AFTER",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:9  | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-7    | INCOMPARABLE",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,7a0a5d4e-0b6c-11ef-8f7a-0242ac120002:1 | BEFORE",
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | 7a0a5d4e-0b6c-11ef-8f7a-0242ac120002:1-5    | INCOMPARABLE",
            "0-1-5                                       | 0-1-5                                       | SAME",
            "0-1-5                                       | 0-1-6                                       | BEFORE",
            "0-1-5,1-1-3                                 | 0-1-5                                       | AFTER",
            "0-1-5,1-1-3                                 | 0-1-6,1-1-2                                 | INCOMPARABLE",
            "0-1-5                                       | 0-2-5                                       | INCOMPARABLE",
            "0-1-5                                       | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5    | INCOMPARABLE",
    })
    void comparesAsSets(String a, String b, PartialOrder expected) {
        assertThat(GtidSet.parse(a).compare(GtidSet.parse(b))).isEqualTo(expected);
        assertThat(GtidSet.parse(b).compare(GtidSet.parse(a))).isEqualTo(expected.reversed());
    }

    @Test
    void emptySetIsBeforeEveryNonEmptySetOfItsFlavor() {
        assertThat(MySqlGtidSet.EMPTY.compare(GtidSet.parse(A + ":1"))).isEqualTo(PartialOrder.BEFORE);
        assertThat(MariaDbGtidSet.EMPTY.compare(GtidSet.parse("0-1-1"))).isEqualTo(PartialOrder.BEFORE);
        assertThat(MySqlGtidSet.EMPTY.compare(MariaDbGtidSet.EMPTY)).isEqualTo(PartialOrder.INCOMPARABLE);
        assertThat(GtidSet.parse(B + ":3").compare(MySqlGtidSet.EMPTY)).isEqualTo(PartialOrder.AFTER);
    }
}
