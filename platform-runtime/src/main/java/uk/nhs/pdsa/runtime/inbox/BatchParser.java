package uk.nhs.pdsa.runtime.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads the records of a large poll on several threads, keeping their order: the calling thread reads the first
 * share and helper threads the others. A rebuild's polls of 5,000 events spent about 40 % of the consumer thread in
 * JSON (docs/benchmarks.md, "Findings"), while the store that follows waits on PostgreSQL; a small poll (live work)
 * is read on the calling thread alone, as a helper would cost more than it saves.
 */
final class BatchParser implements AutoCloseable {
    private final int threads;
    private final int minimumShare;
    private final ExecutorService helpers;

    /**
     * @param threads the threads a large poll is read on, the caller's among them (the cores, say)
     * @param minimumShare the fewest records worth a thread of their own
     */
    BatchParser(int threads, int minimumShare) {
        this.threads = Math.max(1, threads);
        this.minimumShare = Math.max(1, minimumShare);
        AtomicInteger made = new AtomicInteger();
        ClassLoader loader = BatchParser.class.getClassLoader();
        this.helpers = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, work -> {
            Thread t = new Thread(work, "inbox-reader-" + made.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
    }

    /**
     * {@code read} applied to each item, the results in the items' order. {@code read} must be safe to run on several
     * threads at once; an exception it throws reaches the caller (the first share's, or a helper's).
     */
    <I> Object[] readAll(List<I> items, Function<I, Object> read) {
        Object[] results = new Object[items.size()];
        int shares = helpers == null ? 1 : Math.min(threads, items.size() / minimumShare);
        if (shares <= 1) {
            readShare(items, read, results, 0, items.size());
            return results;
        }
        int size = (items.size() + shares - 1) / shares;
        List<Future<?>> others = new ArrayList<>();
        for (int share = 1; share < shares; share++) {
            int from = share * size;
            int to = Math.min(items.size(), from + size);
            others.add(helpers.submit(() -> readShare(items, read, results, from, to)));
        }
        readShare(items, read, results, 0, size);
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading a poll", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    private static <I> void readShare(List<I> items, Function<I, Object> read, Object[] results, int from, int to) {
        for (int i = from; i < to; i++) {
            results[i] = read.apply(items.get(i));
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
