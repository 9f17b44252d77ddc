package uk.nhs.pdsa.findings.model;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A team's request to give its microsystem chart a new centre line and limits from a period. */
@Schema(name = "RebaseRequest", example = """
        {"audit": "nhfd", "metric": "surgery-within-36h", "organisation": "RXH", "microsystem": "trauma-ward-2",
         "period": "2026-05", "reason": "Three changes adopted as standard practice (PDSA cycle 3)",
         "cycleId": "0b7f5c1e-8a2d-4c3b-9d4e-1f2a3b4c5d6e"}""")
public record RebaseRequest(String audit, String metric, String organisation, String microsystem, String period,
        String reason, UUID cycleId) {
}
