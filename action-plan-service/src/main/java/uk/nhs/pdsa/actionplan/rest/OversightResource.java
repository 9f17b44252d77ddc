package uk.nhs.pdsa.actionplan.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.runtime.security.Roles;

/**
 * Whether action followed, above the trust: per organisation, its improvement needs by status, how many are
 * overdue or escalated, how long answers took, and what its PDSA cycles decided. Counts only: no names.
 */
@Path("/api/v1/oversight")
@Tag(name = "Oversight", description = "Improvement across trusts, for national oversight (counts, no names)")
@Produces(MediaType.APPLICATION_JSON)
public class OversightResource {
    private final EntityManager em;

    public OversightResource(EntityManager em) {
        this.em = em;
    }

    @Schema(name = "OrganisationProgress", example = """
            {"organisation": "RXH", "open": 1, "inProgress": 2, "closed": 1, "improved": 1, "overdue": 1,
             "escalated": 1, "answered": 4, "medianDaysToAnswer": 6.5, "cyclesRunning": 2, "adopted": 1,
             "adapted": 2, "abandoned": 0}""")
    public record OrganisationProgress(String organisation,
            @Schema(description = "Needs waiting for an answer") int open,
            @Schema(description = "Needs answered by a PDSA cycle under way") int inProgress,
            @Schema(description = "Needs closed by a recorded decision") int closed,
            @Schema(description = "Needs whose series improved after an adopted change") int improved,
            @Schema(description = "Open needs past their answer-by date") int overdue,
            @Schema(description = "Open needs escalated at least once") int escalated,
            @Schema(description = "Needs answered (by a cycle or a decision)") int answered,
            @Schema(description = "Median days from a need opening to its answer; null when none was answered")
            Double medianDaysToAnswer,
            @Schema(description = "PDSA cycles answering its needs that are not yet complete") int cyclesRunning,
            @Schema(description = "Completed cycles that adopted their change") int adopted,
            @Schema(description = "Completed cycles that adapted their change") int adapted,
            @Schema(description = "Completed cycles that abandoned their change") int abandoned) {
    }

    @GET
    @Path("/needs")
    @RolesAllowed({ Roles.NATIONAL, Roles.ADMIN })
    @Operation(summary = "Per organisation: its improvement needs by status, overdue and escalated, time to answer, and its cycles' decisions")
    @APIResponse(responseCode = "200", description = "One row per organisation with needs, by organisation code")
    @Transactional
    public List<OrganisationProgress> needs(@Parameter(description = "Only this audit's needs", example = "nhfd")
            @QueryParam("audit") String audit) {
        String only = audit == null ? "" : audit.strip();
        @SuppressWarnings("unchecked")
        List<Object[]> needRows = em.createNativeQuery("""
                select organisation,
                       count(*) filter (where status = 'open'),
                       count(*) filter (where status = 'in-progress'),
                       count(*) filter (where status = 'closed'),
                       count(*) filter (where status = 'improved'),
                       count(*) filter (where status = 'open' and due_by < ?2),
                       count(*) filter (where status = 'open' and escalation_level > 0),
                       count(answered_at),
                       percentile_cont(0.5) within group (order by extract(epoch from answered_at - opened_at) / 86400)
                           filter (where answered_at is not null)
                from improvement_need where (?1 = '' or audit = ?1)
                group by organisation order by organisation""")
                .setParameter(1, only).setParameter(2, Date.valueOf(LocalDate.now())).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> cycleRows = em.createNativeQuery("""
                select n.organisation,
                       count(*) filter (where c.stage <> 'act'),
                       count(*) filter (where c.act_decision = 'adopt'),
                       count(*) filter (where c.act_decision = 'adapt'),
                       count(*) filter (where c.act_decision = 'abandon')
                from pdsa_cycle c join improvement_need n on n.id = c.need_id
                where (?1 = '' or n.audit = ?1)
                group by n.organisation""").setParameter(1, only).getResultList();
        Map<String, Object[]> cycles = new LinkedHashMap<>();
        cycleRows.forEach(r -> cycles.put((String) r[0], r));
        return needRows.stream().map(r -> {
            Object[] c = cycles.getOrDefault((String) r[0], new Object[] {r[0], 0, 0, 0, 0});
            Double median = r[8] == null ? null
                    : BigDecimal.valueOf(((Number) r[8]).doubleValue()).setScale(1, RoundingMode.HALF_UP).doubleValue();
            return new OrganisationProgress((String) r[0], count(r[1]), count(r[2]), count(r[3]), count(r[4]), count(r[5]),
                    count(r[6]), count(r[7]), median, count(c[1]), count(c[2]), count(c[3]), count(c[4]));
        }).toList();
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }
}
