package io.godwit.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ByteBoundedQueueTest {

    @Test
    void producerWaitsWhileTheItemDoesNotFitAndResumesWhenTheConsumerTakes() throws Exception {
        ByteBoundedQueue<String> q = new ByteBoundedQueue<>(100);
        assertThat(q.put("a", 60)).isTrue();
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> put(q, "b", 60));
        await().atMost(Duration.ofSeconds(5)).until(q::producerWaiting);
        assertThat(blocked).isNotDone();
        assertThat(q.bytes()).isEqualTo(60);
        assertThat(q.poll(Duration.ZERO)).isEqualTo("a");
        assertThat(blocked.get()).isTrue();
        assertThat(q.poll(Duration.ZERO)).isEqualTo("b");
        assertThat(q.peakBytes()).isEqualTo(60);
    }

    @Test
    void anItemLargerThanTheBoundPassesAlone() throws Exception {
        ByteBoundedQueue<String> q = new ByteBoundedQueue<>(100);
        assertThat(q.put("huge", 1_000)).isTrue();
        assertThat(q.bytes()).isEqualTo(1_000);
        assertThat(q.poll(Duration.ZERO)).isEqualTo("huge");
        assertThat(q.bytes()).isZero();
    }

    @Test
    void closeReleasesAWaitingProducerAndEmptiesTheQueue() throws Exception {
        ByteBoundedQueue<String> q = new ByteBoundedQueue<>(10);
        q.put("a", 10);
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> put(q, "b", 5));
        await().atMost(Duration.ofSeconds(5)).until(q::producerWaiting);
        q.close();
        assertThat(blocked.get()).isFalse();
        assertThat(q.poll(Duration.ofMillis(10))).isNull();
        q.putLast("ignored after close");
        assertThat(q.bytes()).isZero();
    }

    @Test
    void theLastItemIsAcceptedEvenWhenFull() throws Exception {
        ByteBoundedQueue<String> q = new ByteBoundedQueue<>(10);
        q.put("a", 10);
        q.putLast("error");
        assertThat(q.poll(Duration.ZERO)).isEqualTo("a");
        assertThat(q.poll(Duration.ZERO)).isEqualTo("error");
        assertThat(q.poll(Duration.ofMillis(20))).as("empty after the wait").isNull();
    }

    private static boolean put(ByteBoundedQueue<String> q, String item, long bytes) {
        try {
            return q.put(item, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
