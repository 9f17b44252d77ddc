package uk.nhs.pdsa.findings.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.quarkus.arc.Arc;
import uk.nhs.pdsa.events.TestOrganisations;
import uk.nhs.pdsa.testing.TestTokens;

/**
 * A college that covers an audit's specialty, written straight into the scope tables the catalogue consumer
 * keeps (CatalogueConsumerTest and FindingsSecurityTest check the consumer path): for tests that read
 * several trusts' findings and funnels at once, as a college does.
 */
public final class TestColleges {
    private TestColleges() {
    }

    /** A new college covering {@code audit}'s specialty (given one if the catalogue has not), acted as from now on. */
    public static String actAsCollegeCovering(String audit) {
        String college = TestOrganisations.unique("R");
        DataSource dataSource = Arc.container().instance(DataSource.class).get();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement audits = c.prepareStatement("insert into audit_specialty (audit, specialty, audit_version)"
                    + " values (?, ?, 0) on conflict do nothing")) {
                audits.setString(1, audit);
                audits.setString(2, "specialty-of-" + audit);
                audits.executeUpdate();
            }
            String specialty;
            try (PreparedStatement read = c.prepareStatement("select specialty from audit_specialty where audit = ?")) {
                read.setString(1, audit);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    specialty = rs.getString(1);
                }
            }
            try (PreparedStatement scope = c.prepareStatement("insert into college_scope (organisation, specialties,"
                    + " organisation_version) values (?, array[?], 0)")) {
                scope.setString(1, college);
                scope.setString(2, specialty);
                scope.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        TestTokens.actAs(college, "college");
        return college;
    }
}
