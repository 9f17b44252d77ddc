package uk.nhs.pdsa.runtime.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work that follows a commit: relaying the outbox, recomputing findings, delivering notifications. One thread per
 * worker runs rounds of the work; a commit that leaves work behind wakes it at once, wake-ups that arrive while it
 * is busy are coalesced into one more round, and a periodic tick runs a round anyway (work left by another
 * replica, a retry that has come due, a wake-up lost to a crash). {@link #stop(Duration)} lets the round in hand
 * finish, within a timeout, and runs no other.
 */
public final class AfterCommitWorker {
    /** One round of work. */
    @FunctionalInterface
    public interface Round {
        /** @return true when more may be waiting (a full batch), so the next round runs at once */
        boolean run() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(AfterCommitWorker.class);

    private final String name;
    private final Duration tick;
    private final Round round;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name  the thread's name, also in the log
     * @param tick  how often a round runs with no wake-up
     * @param round the work, run on the worker's thread only
     */
    public AfterCommitWorker(String name, Duration tick, Round round) {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive");
        }
        this.name = name;
        this.tick = tick;
        this.round = round;
    }

    /** Starts the thread; the first round runs after {@code delay}, or at the first wake-up if sooner. */
    public synchronized void start(Duration delay) {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        running = true;
        thread = new Thread(() -> loop(delay), name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a round soon; any number of calls before it starts make one round. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Wakes the worker once the current transaction has committed (not if it rolls back). */
    public void wakeAfterCommit(TransactionSynchronizationRegistry transactions) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    /**
     * Lets the round in hand finish and runs no other. A round still running after {@code timeout} is
     * interrupted; whatever it had not committed is done again by the next start (the work is idempotent).
     *
     * @return true when the thread ended within the timeout
     */
    public boolean stop(Duration timeout) {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t == null) {
            return true;
        }
        wakeUps.release();
        try {
            t.join(Math.max(1, timeout.toMillis()));
            if (t.isAlive()) {
                LOG.warnf("%s did not finish its round within %s; interrupting it", name, timeout);
                t.interrupt();
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void loop(Duration delay) {
        try {
            waitForWakeUp(delay);
            while (running) {
                boolean more = runRound();
                if (!more || !running) {
                    waitForWakeUp(tick);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitForWakeUp(Duration wait) throws InterruptedException {
        if (wakeUps.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            wakeUps.drainPermits();
        }
    }

    private boolean runRound() {
        try {
            return round.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            if (running) {
                LOG.warnf(e, "%s: a round failed; the next tick (%s) tries again", name, tick);
            }
            return false;
        }
    }
}
