package uk.nhs.pdsa.runtime.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.runtime.rest.PageView;

/**
 * The audit trail ({@code audit_trail}), on connections of its own: an entry is kept even when the request's
 * transaction rolled back, since refused writes are what probing looks like.
 */
@ApplicationScoped
public class AuditTrailRepository {
    @Schema(name = "AuditTrailEntry", example = """
            {"id": 412, "at": "2026-01-02T09:15:02Z", "subject": "rxh-theatres-system", "organisation": "RXH",
             "roles": "submitter", "method": "POST", "path": "/api/v1/audit-results", "status": 201,
             "resource": "http://localhost:8081/api/v1/audit-results/5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"}""")
    public record Entry(long id, Instant at, String subject, String organisation, String roles, String method,
            String path, int status, String resource) {
    }

    private static final String WHERE = " where (cast(? as text) is null or organisation = ?)"
            + " and (cast(? as text) is null or subject = ?)";

    private final DataSource dataSource;

    public AuditTrailRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void add(String subject, String organisation, String roles, String method, String path, int status,
            String resource) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                insert into audit_trail (subject, organisation, roles, method, path, status, resource)
                values (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, subject);
            insert.setString(2, organisation);
            insert.setString(3, roles);
            insert.setString(4, method);
            insert.setString(5, path);
            insert.setInt(6, status);
            insert.setString(7, resource);
            insert.executeUpdate();
        }
    }

    /** Newest first; a null or blank criterion matches everything. */
    public PageView<Entry> page(String organisation, String subject, int page, int size) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("select count(*) from audit_trail" + WHERE)) {
                bind(count, organisation, subject);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Entry> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select id, at, subject, organisation, roles, method, path,"
                    + " status, resource from audit_trail" + WHERE + " order by id desc offset ? limit ?")) {
                bind(select, organisation, subject);
                select.setLong(5, (long) page * size);
                select.setInt(6, size);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        items.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                                rs.getString(9)));
                    }
                }
            }
            return new PageView<>(page, size, total, items);
        }
    }

    private static void bind(PreparedStatement statement, String organisation, String subject) throws SQLException {
        statement.setString(1, blankToNull(organisation));
        statement.setString(2, blankToNull(organisation));
        statement.setString(3, blankToNull(subject));
        statement.setString(4, blankToNull(subject));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
