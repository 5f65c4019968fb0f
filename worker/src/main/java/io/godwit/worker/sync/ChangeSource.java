package io.godwit.worker.sync;

import io.godwit.core.event.ChangeEvent;
import io.godwit.core.model.BinlogLocation;
import java.time.Duration;

/**
 * The sync unit's view of a source binlog: {@link ChangeEvent}s in binlog order, starting at the
 * location it was opened at. The binlog reader implements it (behind its bounded queue); tests feed
 * hand-built sequences.
 *
 * <p>Contract the coordinator relies on:
 * <ul>
 *   <li>Opened at a transaction boundary (a {@code TxCommit.next()} or {@code DdlEvent.next()}), the
 *       first event is the first event of the next transaction: re-opening at the same location yields
 *       the same events again.</li>
 *   <li>Row values follow the contract of {@code io.godwit.core.event}, decoded with the table schemas
 *       as of each event's position. The {@link io.godwit.binlog.TableSchemas} the coordinator consults
 *       must describe a table as of the event being handed out: a DDL's effect may become visible there
 *       only once its {@code DdlEvent} has been taken by {@link #next}. A row whose width differs from the
 *       tracked definition stops the sync (never a silent misfit).</li>
 * </ul>
 */
public interface ChangeSource extends AutoCloseable {

    /**
     * The next event, waiting at most {@code timeout}; null when none arrived in time.
     *
     * @throws InterruptedException when the coordinator is being stopped
     * @throws io.godwit.core.error.GodwitException when the binlog cannot be read (purged, lost, undecodable)
     */
    ChangeEvent next(Duration timeout) throws InterruptedException;

    @Override void close();

    /** Opens the binlog at a transaction boundary, with the schema tracker as it was there. */
    @FunctionalInterface
    interface Opener {
        /**
         * @param from      a transaction boundary
         * @param tableInfo the schema tracker's state at {@code from} as checkpointed with the last DDL
         *                  ({@code table_info}); empty when none was checkpointed (the tracker's initial
         *                  state, from the snapshot, applies)
         */
        ChangeSource openAt(BinlogLocation from, String tableInfo);
    }
}
