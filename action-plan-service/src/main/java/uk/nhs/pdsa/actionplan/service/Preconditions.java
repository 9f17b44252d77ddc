package uk.nhs.pdsa.actionplan.service;

import java.util.List;

import uk.nhs.pdsa.runtime.problem.ProblemException;

/**
 * Optimistic concurrency for edits: a write names the version it read in {@code If-Match} (the ETag
 * {@code "<version>"}); a stale one is refused with 412, a missing one with 428, so two team members never
 * overwrite each other's work.
 */
public final class Preconditions {
    private Preconditions() {
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    public static void check(String ifMatch, int version, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "If-Match required",
                    "Send If-Match with the ETag of the " + what + " you read (now " + etag(version)
                            + "), so a change made meanwhile by someone else is not overwritten.", List.of());
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag(version)) || t.equals("W/" + etag(version))) {
                return;
            }
        }
        throw new ProblemException(412, "precondition-failed", "The " + what + " changed since you read it",
                "If-Match " + ifMatch.trim() + " does not match the current version " + etag(version) + " of the "
                        + what + "; read it again (GET) and re-apply your change.", List.of());
    }
}
