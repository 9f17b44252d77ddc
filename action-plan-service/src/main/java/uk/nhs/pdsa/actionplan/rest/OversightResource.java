package uk.nhs.pdsa.actionplan.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.actionplan.model.OrganisationProgress;
import uk.nhs.pdsa.actionplan.repository.OversightRepository;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.CommissionerScopes;
import uk.nhs.pdsa.runtime.security.Roles;

/**
 * Whether action followed, above the trust: per organisation, its improvement needs by status, how many are
 * overdue or escalated, how long answers took, and what its PDSA cycles decided. Counts only: no names.
 */
@Path("/api/v1/oversight")
@Tag(name = "Oversight", description = "Improvement across trusts, for national oversight (counts, no names)")
@Produces(MediaType.APPLICATION_JSON)
public class OversightResource {
    private final OversightRepository oversight;
    private final Clock clock;
    private final Caller caller;
    private final CommissionerScopes commissioners;

    public OversightResource(OversightRepository oversight, Clock clock, Caller caller, CommissionerScopes commissioners) {
        this.oversight = oversight;
        this.clock = clock;
        this.caller = caller;
        this.commissioners = commissioners;
    }

    @GET
    @Path("/needs")
    @RolesAllowed({ Roles.NATIONAL, Roles.ADMIN, Roles.COMMISSIONER })
    @Operation(summary = "Per organisation: its improvement needs by status, overdue and escalated, time to answer, and its"
            + " cycles' decisions (a commissioner: its member trusts only)")
    @APIResponse(responseCode = "200", description = "One row per organisation with needs, by organisation code")
    public List<OrganisationProgress> needs(@Parameter(description = "Only this audit's needs", example = "nhfd")
            @QueryParam("audit") String audit) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().code("audit", audit).orRefuse();
        List<OrganisationProgress> all = oversight.progress(audit, LocalDate.now(clock));
        if (caller.hasAny(Roles.NATIONAL, Roles.ADMIN)) {
            return all;
        }
        List<String> members = commissioners.membersOf(caller.organisation());
        return all.stream().filter(p -> members.contains(p.organisation())).toList();
    }
}
