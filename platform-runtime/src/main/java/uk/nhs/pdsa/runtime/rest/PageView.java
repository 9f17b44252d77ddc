package uk.nhs.pdsa.runtime.rest;

import java.util.List;

/** One page of a list answer: {@code total} counts every match, {@code items} holds this page's. */
public record PageView<T>(int page, int size, long total, List<T> items) {
}
