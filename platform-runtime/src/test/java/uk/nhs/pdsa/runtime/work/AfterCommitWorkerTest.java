package uk.nhs.pdsa.runtime.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

class AfterCommitWorkerTest {
    private static final Duration LONG_TICK = Duration.ofMinutes(10);
    private final List<AfterCommitWorker> workers = new ArrayList<>();

    @AfterEach
    void stopAll() {
        workers.forEach(w -> w.stop(Duration.ofSeconds(5)));
    }

    private AfterCommitWorker started(Duration tick, AfterCommitWorker.Round round) {
        AfterCommitWorker worker = new AfterCommitWorker("test-worker", tick, round);
        workers.add(worker);
        worker.start(Duration.ofMillis(1));
        return worker;
    }

    @Test
    void shouldCoalesceWakeUpsThatArriveDuringARoundIntoOneMoreRound() throws Exception {
        CountDownLatch inFirstRound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        AfterCommitWorker worker = started(LONG_TICK, () -> {
            if (rounds.incrementAndGet() == 1) {
                inFirstRound.countDown();
                release.await();
            }
            return false;
        });
        assertThat(inFirstRound.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100; i++) {
            worker.wake();
        }
        release.countDown();
        Thread.sleep(300);
        assertThat(rounds.get()).isEqualTo(2);
    }

    @Test
    void shouldRunAgainAtOnceWhileARoundSaysMoreIsWaiting() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch drained = new CountDownLatch(1);
        started(LONG_TICK, () -> {
            boolean more = rounds.incrementAndGet() < 5;
            if (!more) {
                drained.countDown();
            }
            return more;
        });
        assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(rounds.get()).isEqualTo(5);
    }

    @Test
    void shouldRunARoundEveryTickWithoutWakeUps() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        started(Duration.ofMillis(50), () -> {
            rounds.incrementAndGet();
            three.countDown();
            return false;
        });
        assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldKeepWorkingAfterARoundFails() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(2);
        AfterCommitWorker worker = started(LONG_TICK, () -> {
            rounds.incrementAndGet();
            second.countDown();
            throw new IllegalStateException("the database is away");
        });
        Thread.sleep(100);
        worker.wake();
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.isRunning()).isTrue();
    }

    @Test
    void shouldLetTheRoundInHandFinishOnStopAndRunNoOther() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        AfterCommitWorker worker = started(LONG_TICK, () -> {
            rounds.incrementAndGet();
            inRound.countDown();
            Thread.sleep(300);
            finished.incrementAndGet();
            return true;
        });
        assertThat(inRound.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(finished.get()).isEqualTo(1);
        assertThat(rounds.get()).isEqualTo(1);
        worker.wake();
        Thread.sleep(100);
        assertThat(rounds.get()).isEqualTo(1);
    }

    @Test
    void shouldInterruptARoundThatOutlastsTheShutdownTimeout() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AfterCommitWorker worker = started(LONG_TICK, () -> {
            inRound.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return false;
        });
        assertThat(inRound.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.stop(Duration.ofMillis(100))).isFalse();
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldWakeAfterACommitAndNotAfterARollback() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        AfterCommitWorker worker = started(LONG_TICK, () -> {
            rounds.incrementAndGet();
            return false;
        });
        Thread.sleep(100);
        int before = rounds.get();
        Transactions rolledBack = new Transactions();
        worker.wakeAfterCommit(rolledBack);
        rolledBack.complete(Status.STATUS_ROLLEDBACK);
        Thread.sleep(100);
        assertThat(rounds.get()).isEqualTo(before);
        Transactions committed = new Transactions();
        worker.wakeAfterCommit(committed);
        assertThat(rounds.get()).as("nothing runs before the commit").isEqualTo(before);
        committed.complete(Status.STATUS_COMMITTED);
        Thread.sleep(200);
        assertThat(rounds.get()).isEqualTo(before + 1);
    }

    /** A transaction's synchronisations, completed by the test as the transaction manager would. */
    private static final class Transactions implements TransactionSynchronizationRegistry {
        private final List<Synchronization> synchronizations = new ArrayList<>();

        void complete(int status) {
            synchronizations.forEach(s -> s.afterCompletion(status));
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
