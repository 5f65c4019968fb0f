package io.godwit.worker.agent;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Subtasks without databases, by task name: {@code fails*} throws from run(), {@code full*} returns
 * from run() on its own, {@code selfpause*} pauses itself with an error and waits for stop, any other
 * runs until stopped; a self-paused one is paused at {@link #PAUSED_AT}. Every start and end goes into {@link #events()} in order.
 */
final class FakeSubtasks implements Subtask.Factory {
    static final BinlogLocation PAUSED_AT = new BinlogLocation("mysql-bin.000002", 4567, "0-1-9");

    private final List<Fake> opened = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override public Subtask open(SubtaskSpec spec) {
        Fake f = new Fake(spec);
        opened.add(f);
        return f;
    }

    List<Fake> opened() {
        return opened;
    }

    /** The subtasks opened for {@code task}, oldest first. */
    List<Fake> opened(String task) {
        return opened.stream().filter(f -> f.spec.task().equals(task)).toList();
    }

    List<String> events() {
        return events;
    }

    final class Fake implements Subtask {
        final SubtaskSpec spec;
        private final CountDownLatch stop = new CountDownLatch(1);
        /** Every replacement {@link #resolvePausedDdl} was given, in order. */
        final List<List<String>> resolved = new CopyOnWriteArrayList<>();
        private volatile boolean running;
        private volatile boolean ended;

        Fake(SubtaskSpec spec) {
            this.spec = spec;
        }

        @Override public void run() {
            running = true;
            events.add("start " + spec.key());
            try {
                if (spec.task().startsWith("fails")) {
                    throw new GodwitException(ErrorCode.CONFIG_INVALID, "scripted failure of " + spec.key());
                }
                if (spec.task().startsWith("full")) {
                    return;
                }
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running = false;
                ended = true;
                events.add("end " + spec.key());
            }
        }

        @Override public void stop() {
            stop.countDown();
        }

        @Override public Observation observe() {
            String paused = spec.task().startsWith("selfpause") && running ? "[code=1] scripted pause" : null;
            return new Observation(Map.of("task", spec.task(), "running", running), paused);
        }

        @Override public boolean syncPaused() {
            return spec.task().startsWith("selfpause") && running;
        }

        @Override public String resolvePausedDdl(List<String> replacement) {
            if (!syncPaused()) {
                throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "scripted: " + spec.key() + " is not paused");
            }
            resolved.add(replacement);
            return "scripted-position";
        }

        @Override public Optional<BinlogLocation> pausedAt() {
            return syncPaused() ? Optional.of(PAUSED_AT) : Optional.empty();
        }

        boolean running() {
            return running;
        }

        boolean ended() {
            return ended;
        }
    }
}
