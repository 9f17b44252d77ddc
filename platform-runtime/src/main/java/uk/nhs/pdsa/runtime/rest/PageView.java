package uk.nhs.pdsa.runtime.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

/** One page of a list answer: {@code total} counts every match, {@code items} holds this page's. */
@Schema(description = "One page of a list: total counts every match, items holds this page's",
        requiredProperties = { "page", "size", "total", "items" })
public record PageView<T>(int page, int size, long total, List<T> items) {

    /**
     * Refuses a page below 0, a size outside 1 to {@code maxSize}, or a page so far on that its first item's position
     * ({@code page × size}) is past any list's reach (beyond 2<sup>31</sup> − 1): 400 with a pointer to the parameter.
     */
    public static void check(int page, int size, int maxSize) {
        if (page < 0) {
            throw ProblemException.validation("page must be 0 or more",
                    List.of(new FieldError("/page", "the first page is 0")));
        }
        if (size < 1 || size > maxSize) {
            throw ProblemException.validation("size must be between 1 and " + maxSize,
                    List.of(new FieldError("/size", "between 1 and " + maxSize)));
        }
        if ((long) page * size + size > Integer.MAX_VALUE) {
            throw ProblemException.validation("page is too far on",
                    List.of(new FieldError("/page", "at most " + (Integer.MAX_VALUE / size - 1) + " with size " + size)));
        }
    }

    /** The page of {@code all} (held in memory, in its order) at {@code page} of {@code size}. */
    public static <T> PageView<T> of(List<T> all, int page, int size) {
        long from = Math.min((long) page * size, all.size());
        long to = Math.min(from + size, all.size());
        return new PageView<>(page, size, all.size(), List.copyOf(all.subList((int) from, (int) to)));
    }
}
