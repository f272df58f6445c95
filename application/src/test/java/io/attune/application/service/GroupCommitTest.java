package io.attune.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Group commit: batches under load, outcomes per caller, one bad input holds up no other. */
@Timeout(20)
class GroupCommitTest {

    @Test
    void concurrentCallersShareBatchesAndEachGetsItsOwnOutcome() throws Exception {
        ConcurrentLinkedQueue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
        CountDownLatch slowFirst = new CountDownLatch(1);
        try (GroupCommit<Integer, String> commits = new GroupCommit<>("test", 1, 50, inputs -> {
            batchSizes.add(inputs.size());
            awaitQuietly(slowFirst); // the first batch takes a while: the others queue up meanwhile
            return inputs.stream().<GroupCommit.Outcome<String>>map(i -> i % 10 == 7
                    ? new GroupCommit.Outcome.Refused<>(new IllegalArgumentException("no " + i))
                    : new GroupCommit.Outcome.Done<>("ok " + i)).toList();
        }, i -> "single " + i)) {
            ExecutorService callers = Executors.newFixedThreadPool(20);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                answers.add(callers.submit(() -> {
                    try {
                        return commits.submit(n);
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                }));
            }
            Thread.sleep(200);
            slowFirst.countDown();
            for (int i = 0; i < 100; i++) {
                assertThat(answers.get(i).get()).isEqualTo(i % 10 == 7 ? "no " + i : "ok " + i);
            }
            callers.shutdown();
        }
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(batchSizes).anyMatch(size -> size > 1);
        assertThat(batchSizes).allMatch(size -> size <= 50);
    }

    @Test
    void aBatchThatFailsAsAWholeIsWrittenOneByOneByItsCallers() {
        try (GroupCommit<Integer, String> commits = new GroupCommit<>("test", 1, 10, inputs -> {
            throw new IllegalStateException("the database went away");
        }, i -> {
            if (i == 3) {
                throw new IllegalStateException("three fails alone too");
            }
            return "single " + i;
        })) {
            assertThat(commits.submit(1)).isEqualTo("single 1");
            assertThatThrownBy(() -> commits.submit(3)).hasMessage("three fails alone too");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
