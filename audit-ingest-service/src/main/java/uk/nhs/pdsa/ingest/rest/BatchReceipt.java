package uk.nhs.pdsa.ingest.rest;

import java.util.List;
import java.util.UUID;

import uk.nhs.pdsa.ingest.service.AuditResultService.Outcome;
import uk.nhs.pdsa.ingest.service.AuditResultService.Stored;

/** The answer to a batch: counts by outcome, and each item's id and revision in request order. */
public record BatchReceipt(int received, long created, long revised, long unchanged, List<Item> results) {

    public record Item(UUID id, int revision, String outcome) {
    }

    public static BatchReceipt of(List<Stored> stored) {
        return new BatchReceipt(stored.size(), count(stored, Outcome.CREATED), count(stored, Outcome.REVISED),
                count(stored, Outcome.UNCHANGED),
                stored.stream().map(s -> new Item(s.id(), s.revision(), s.outcome().name().toLowerCase())).toList());
    }

    private static long count(List<Stored> stored, Outcome outcome) {
        return stored.stream().filter(s -> s.outcome() == outcome).count();
    }
}
