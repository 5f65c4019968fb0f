package io.godwit.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over of bytes from one producer thread to one reading thread, in blocks: the
 * rows of a chunk, rendered on one thread while the driver sends them to the target from the
 * other. At most {@code blocks} full blocks wait, so memory stays bounded whichever side is
 * slower. A producer failure reaches the reader as an IOException at the point it happened; a
 * reader that stops ({@link #close}) makes the producer's next write fail instead of blocking.
 */
final class BlockPipe {
    private record Block(byte[] bytes, int length) {}

    private static final Block END = new Block(new byte[0], 0);
    private static final long POLL_MILLIS = 100;

    private final int blockSize;
    private final BlockingQueue<Block> full;
    private final BlockingQueue<byte[]> free;
    private byte[] current;
    private int used;
    private volatile Throwable failure;
    private volatile boolean closed;

    BlockPipe(int blockSize, int blocks) {
        this.blockSize = blockSize;
        this.full = new ArrayBlockingQueue<>(blocks + 1); // + room for END or a failure marker
        this.free = new ArrayBlockingQueue<>(blocks + 2);
        this.current = new byte[blockSize];
    }

    // ---- producer side

    void write(byte[] b, int off, int len) throws InterruptedException {
        while (len > 0) {
            int n = Math.min(len, blockSize - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
            if (used == blockSize) {
                hand(new Block(current, used));
                byte[] next = free.poll();
                current = next != null ? next : new byte[blockSize];
                used = 0;
            }
        }
    }

    /** The producer is done: what was written so far is the whole stream. */
    void finish() throws InterruptedException {
        if (used > 0) {
            hand(new Block(current, used));
            used = 0;
        }
        hand(END);
    }

    /** The producer failed: the reader gets {@code cause} after the bytes written before it. */
    void fail(Throwable cause) {
        if (closed) {
            return; // the reader ended first: this failure is only the consequence of close()
        }
        failure = cause;
        full.offer(END); // wakes a waiting reader; if the queue is full it checks failure on its next poll
    }

    private void hand(Block block) throws InterruptedException {
        while (!full.offer(block, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new CancellationException("the reader stopped");
            }
        }
    }

    // ---- reader side

    /** The producer's failure, if it failed. */
    Throwable failure() {
        return failure;
    }

    /** The reader is done (or gave up): a waiting or later write fails. */
    void close() {
        closed = true;
        full.clear();
    }

    InputStream input() {
        return new InputStream() {
            private Block block;
            private int pos;

            @Override public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (block == null || pos == block.length) {
                    if (block != null && block != END) {
                        free.offer(block.bytes);
                    }
                    block = next();
                    pos = 0;
                    if (block == END) {
                        if (failure != null) {
                            throw new IOException("reading the chunk's rows failed: " + failure, failure);
                        }
                        return -1;
                    }
                }
                int n = Math.min(len, block.length - pos);
                System.arraycopy(block.bytes, pos, b, off, n);
                pos += n;
                return n;
            }

            private Block next() throws IOException {
                if (block == END) {
                    return END;
                }
                try {
                    while (true) {
                        Block b = full.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        if (b != null) {
                            return b;
                        }
                        if (failure != null) {
                            return END;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("chunk import cancelled");
                }
            }
        };
    }
}
