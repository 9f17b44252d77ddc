package uk.nhs.pdsa.runtime.inbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BatchParserTest {

    @Test
    void aLargePollIsReadOnSeveralThreadsInItsOrder() {
        List<Integer> poll = IntStream.range(0, 1000).boxed().toList();
        Set<String> readers = ConcurrentHashMap.newKeySet();
        try (BatchParser parser = new BatchParser(3, 100)) {
            Object[] read = parser.readAll(poll, i -> {
                readers.add(Thread.currentThread().getName());
                return "event " + i;
            });
            assertArrayEquals(poll.stream().map(i -> "event " + i).toArray(), read);
        }
        assertEquals(3, readers.size(), "the caller and two helpers: " + readers);
        assertTrue(readers.contains(Thread.currentThread().getName()));
    }

    @Test
    void aPollTooSmallToShareIsReadByTheCallerAlone() {
        Set<String> readers = ConcurrentHashMap.newKeySet();
        try (BatchParser parser = new BatchParser(2, 512)) {
            Object[] read = parser.readAll(IntStream.range(0, 1023).boxed().toList(), i -> {
                readers.add(Thread.currentThread().getName());
                return i % 3 == 0 ? null : i;
            });
            assertEquals(1023, read.length);
            assertEquals(null, read[999]);
            assertEquals(1000, read[1000]);
        }
        assertEquals(Set.of(Thread.currentThread().getName()), readers);
    }

    @Test
    void aFailureOnAHelperReachesTheCaller() {
        try (BatchParser parser = new BatchParser(2, 10)) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> parser.readAll(IntStream.range(0, 100).boxed().toList(), i -> {
                        if (i == 90) {
                            throw new IllegalStateException("record 90 cannot be read");
                        }
                        return i;
                    }));
            assertEquals("record 90 cannot be read", failure.getMessage());
        }
    }

    @Test
    void oneThreadReadsEverythingItself() {
        try (BatchParser parser = new BatchParser(1, 1)) {
            assertArrayEquals(new Object[] {"a!", "b!"}, parser.readAll(List.of("a", "b"), s -> s + "!"));
        }
    }
}
