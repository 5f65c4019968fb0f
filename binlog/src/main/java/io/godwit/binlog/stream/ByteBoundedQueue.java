package io.godwit.binlog.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FIFO between one producer (the binlog socket thread) and one consumer, bounded by the bytes of
 * what it holds rather than by a count: one rows event may be 8 KB or 100 MB. A full queue blocks
 * the producer, which then stops reading the socket: TCP flow control carries the back-pressure to
 * the source.
 *
 * <p>An item larger than the whole capacity is still accepted when the queue is empty, so a single
 * huge event cannot deadlock the stream; the bound is then that one item.
 */
final class ByteBoundedQueue<T> {
    private final long capacityBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Entry<T>> items = new ArrayDeque<>();
    private long bytes;
    private long peakBytes;
    private boolean producerWaiting;
    private boolean closed;

    private record Entry<T>(T item, long bytes) {}

    ByteBoundedQueue(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /**
     * Appends {@code item}, waiting while it does not fit.
     *
     * @return false when the queue was closed before the item could be added
     */
    boolean put(T item, long itemBytes) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed && !items.isEmpty() && bytes + itemBytes > capacityBytes) {
                producerWaiting = true;
                try {
                    notFull.await();
                } finally {
                    producerWaiting = false;
                }
            }
            if (closed) {
                return false;
            }
            add(item, itemBytes);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Appends {@code item} whatever the bound: for the last item of a stream (its error), never for data. */
    void putLast(T item) {
        lock.lock();
        try {
            if (!closed) {
                add(item, 0);
            }
        } finally {
            lock.unlock();
        }
    }

    private void add(T item, long itemBytes) {
        items.addLast(new Entry<>(item, itemBytes));
        bytes += itemBytes;
        peakBytes = Math.max(peakBytes, bytes);
        notEmpty.signal();
    }

    /** The oldest item, waiting up to {@code timeout}; null when none arrived or the queue is closed. */
    T poll(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (items.isEmpty() && !closed) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Entry<T> e = items.pollFirst();
            if (e == null) {
                return null;
            }
            bytes -= e.bytes();
            notFull.signal();
            return e.item();
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything and releases both sides; later puts return false and polls null. */
    void close() {
        lock.lock();
        try {
            closed = true;
            items.clear();
            bytes = 0;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes held at any moment since creation. */
    long peakBytes() {
        lock.lock();
        try {
            return peakBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the producer is blocked on a full queue right now. */
    boolean producerWaiting() {
        lock.lock();
        try {
            return producerWaiting;
        } finally {
            lock.unlock();
        }
    }

    long capacityBytes() { return capacityBytes; }
}
