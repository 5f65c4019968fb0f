package io.godwit.worker.sync;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The last step of a slot's target transaction. Production commits; the fault tests substitute a
 * committer that stops the process between the commits of two slots, the moment the exactly-once
 * protocol must survive.
 */
@FunctionalInterface
interface SlotCommitter {
    SlotCommitter COMMIT = (slot, batchSeq, connection) -> connection.commit();

    void commit(int slot, long batchSeq, Connection connection) throws SQLException;
}
