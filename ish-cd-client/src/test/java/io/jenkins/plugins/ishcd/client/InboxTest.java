package io.jenkins.plugins.ishcd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InboxTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void eventsFromManyThreadsAreHandledOneAtATimeInTheOrderEachThreadPostedThem() throws Exception {
        Inbox inbox = new Inbox(pool);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        List<List<Integer>> seen = new ArrayList<>();
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<Integer> mine = new ArrayList<>(); // written only by the inbox's handling, one event at a time
            seen.add(mine);
            posters.add(new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    int n = i;
                    inbox.post(() -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        mine.add(n);
                        inside.decrementAndGet();
                    });
                }
            }));
        }
        posters.forEach(Thread::start);
        for (Thread t : posters) {
            t.join();
        }
        AtomicInteger done = new AtomicInteger();
        inbox.post(done::incrementAndGet);
        await().until(() -> done.get() == 1);
        assertThat(mostInside.get()).isEqualTo(1);
        for (List<Integer> mine : seen) {
            assertThat(mine).hasSize(2_000).isSorted();
        }
    }

    @Test
    void anEventThatThrowsDoesNotStopTheNextOnes() {
        Inbox inbox = new Inbox(pool);
        List<String> seen = new CopyOnWriteArrayList<>();
        inbox.post(() -> {
            throw new IllegalStateException("broken listener");
        });
        inbox.post(() -> seen.add("next"));
        await().until(() -> seen.contains("next"));
    }

    @Test
    void whenThePoolRefusesEventsAreHandledOnThePostersThread() {
        Inbox inbox = new Inbox(command -> {
            throw new RejectedExecutionException("shut down");
        });
        List<String> seen = new ArrayList<>();
        inbox.post(() -> seen.add(Thread.currentThread().getName()));
        assertThat(seen).containsExactly(Thread.currentThread().getName());
    }
}
