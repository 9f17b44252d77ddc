package uk.nhs.pdsa.runtime.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list answer: {@code total} counts every match, {@code items} holds this page's. */
@Schema(description = "One page of a list: total counts every match, items holds this page's",
        requiredProperties = { "page", "size", "total", "items" })
public record PageView<T>(int page, int size, long total, List<T> items) {
}
