package uk.nhs.pdsa.events;

import java.util.UUID;

/** ODS-shaped organisation codes no other test uses, so tests sharing a broker and database never meet. */
public final class TestOrganisations {
    private TestOrganisations() {
    }

    /** {@code prefix} (one letter per test suite) and six random capitals or digits, e.g. {@code F3A9C0B}. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 6).toUpperCase();
    }
}
