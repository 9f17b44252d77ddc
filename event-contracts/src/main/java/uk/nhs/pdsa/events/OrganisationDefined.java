package uk.nhs.pdsa.events;

import java.time.Instant;
import java.util.List;

/**
 * The whole current definition of one organisation and its clinical microsystems, published on every change
 * to the compacted catalogue topic (key {@code organisation/<code>}).
 * Schema: {@code docs/events/nhs.pdsa.catalogue.organisation.v1.schema.json}.
 *
 * @param type        {@code trust}, {@code college}, {@code patient-group}, {@code regulator} or {@code commissioner}
 * @param specialties for a college, the specialties whose audits it oversees; empty otherwise
 * @param version     increases by one with every change, microsystems included
 * @param members     for a commissioner (an integrated care board), the trusts it commissions; empty otherwise
 */
public record OrganisationDefined(
        String code,
        int version,
        String name,
        String type,
        List<String> specialties,
        List<Microsystem> microsystems,
        Instant updatedAt,
        List<String> members) {

    public OrganisationDefined {
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** An organisation with no members (anything but a commissioner). */
    public OrganisationDefined(String code, int version, String name, String type, List<String> specialties,
            List<Microsystem> microsystems, Instant updatedAt) {
        this(code, version, name, type, specialties, microsystems, updatedAt, List.of());
    }

    public static String key(String code) {
        return "organisation/" + code;
    }

    /** A clinical microsystem: the front-line team (a ward, a theatre suite) that runs improvement cycles. */
    public record Microsystem(String code, String name) {
    }
}
