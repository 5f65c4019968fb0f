package io.godwit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinlogLocationTest {

    @ParameterizedTest(name = "({0},{1},{2}) vs ({3},{4},{5}): {6}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // file/pos within one server's sequence
            "mysql-bin.000003 | 120  |       | mysql-bin.000003 | 120  |       | SAME",
            "mysql-bin.000003 | 120  |       | mysql-bin.000003 | 4000 |       | BEFORE",
            "mysql-bin.000003 | 9999 |       | mysql-bin.000010 | 4    |       | BEFORE",
            "mysql-bin.999999 | 4    |       | mysql-bin.1000000 | 4   |       | BEFORE",
            "mysql-bin.000011 | 4    |       | mysql-bin.000010 | 9999 |       | AFTER",
            // different sequences, or no file: nothing to compare
            "mysql-bin.000003 | 120  |       | binlog.000004    | 120  |       | INCOMPARABLE",
            "relay            | 120  |       | relay            | 130  |       | BEFORE",
            "relay            | 120  |       | other            | 130  |       | INCOMPARABLE",
            "                 | 0    |       | mysql-bin.000003 | 120  |       | INCOMPARABLE",
            // GTID sets decide when both have one, whatever the files say
            "mysql-bin.000009 | 500  | 0-1-5 | mysql-bin.000002 | 4    | 0-1-6 | BEFORE",
            "a.000001         | 4    | 0-1-7 | b.000009         | 4    | 0-1-6 | AFTER",
            "mysql-bin.000002 | 4    | 0-1-7,1-1-1 | mysql-bin.000003 | 4 | 0-1-8 | INCOMPARABLE",
            "mysql-bin.000002 | 4    | 0-1-7 | mysql-bin.000002 | 4    | 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-7 | INCOMPARABLE",
            // equal sets: file/pos refines inside a transaction, else the point is the same
            "mysql-bin.000002 | 300  | 0-1-7 | mysql-bin.000002 | 450  | 0-1-7 | BEFORE",
            "a.000001         | 300  | 0-1-7 | b.000005         | 450  | 0-1-7 | SAME",
            // one side without a set: file/pos decide
            "mysql-bin.000002 | 300  | 0-1-7 | mysql-bin.000002 | 450  |       | BEFORE",
            "mysql-bin.000002 | 300  |       | other.000001     | 450  | 0-1-9 | INCOMPARABLE",
    })
    void comparesPartially(String f1, long p1, String g1, String f2, long p2, String g2, PartialOrder expected) {
        BinlogLocation a = new BinlogLocation(f1 == null ? "" : f1, p1, g1);
        BinlogLocation b = new BinlogLocation(f2 == null ? "" : f2, p2, g2);
        assertThat(a.compare(b)).isEqualTo(expected);
        assertThat(b.compare(a)).isEqualTo(expected.reversed());
    }
}
