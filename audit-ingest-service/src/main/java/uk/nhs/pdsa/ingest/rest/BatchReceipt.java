package uk.nhs.pdsa.ingest.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.nhs.pdsa.ingest.service.AuditResultService.Outcome;
import uk.nhs.pdsa.ingest.service.AuditResultService.Stored;

/** The answer to a batch: counts by outcome, and each item's id and revision in request order. */
@Schema(name = "BatchReceipt", description = "Counts by outcome, and each item's id, revision and outcome in request order",
        example = """
        {"received": 2, "created": 1, "revised": 1, "unchanged": 0, "results": [
          {"id": "3d9a5f0e-8f6e-3c1b-9b7e-2f0a4c6d8e10", "revision": 1, "outcome": "created"},
          {"id": "7c1e2b44-0d5a-3f9e-8c21-5b6a7d8e9f01", "revision": 2, "outcome": "revised"}]}""")
public record BatchReceipt(int received, long created, long revised, long unchanged, List<Item> results) {

    @Schema(name = "Item", example = """
            {"id": "3d9a5f0e-8f6e-3c1b-9b7e-2f0a4c6d8e10", "revision": 1, "outcome": "created"}""")
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
