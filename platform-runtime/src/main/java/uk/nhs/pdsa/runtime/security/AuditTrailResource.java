package uk.nhs.pdsa.runtime.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.runtime.problem.Problem;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.PageView;

/** Every service's record of who wrote what, newest first (admins only). */
@Path("/api/v1/audit-trail")
@Tag(name = "Audit trail", description = "Who did what: every write to this service's API, refused ones included")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditTrailResource {
    private final DataSource dataSource;

    public AuditTrailResource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Schema(name = "AuditTrailEntry", example = """
            {"id": 412, "at": "2026-01-02T09:15:02Z", "subject": "rxh-theatres-system", "organisation": "RXH",
             "roles": "submitter", "method": "POST", "path": "/api/v1/audit-results", "status": 201,
             "resource": "http://localhost:8081/api/v1/audit-results/5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"}""")
    public record Entry(long id, Instant at, String subject, String organisation, String roles, String method,
            String path, int status, String resource) {
    }

    @GET
    @Operation(summary = "Writes to this service, newest first, by organisation or subject (paged)")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Bad paging", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PageView<Entry> list(@QueryParam("organisation") String organisation, @QueryParam("subject") String subject,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size)
            throws SQLException {
        if (page < 0 || size < 1 || size > 500) {
            throw ProblemException.validation("Bad paging", List.of(new FieldError(page < 0 ? "page" : "size",
                    "page must be 0 or more and size 1 to 500")));
        }
        String where = " where (cast(? as text) is null or organisation = ?) and (cast(? as text) is null or subject = ?)";
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement("select count(*) from audit_trail" + where)) {
                bind(count, organisation, subject);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Entry> items = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("select id, at, subject, organisation, roles, method, path,"
                    + " status, resource from audit_trail" + where + " order by id desc offset ? limit ?")) {
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
