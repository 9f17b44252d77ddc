package uk.nhs.pdsa.notification.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.annotation.security.RolesAllowed;
import uk.nhs.pdsa.runtime.rest.PageView;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import uk.nhs.pdsa.events.Period;
import uk.nhs.pdsa.metrics.AnalysisPeriod;
import uk.nhs.pdsa.notification.Disclosure;
import uk.nhs.pdsa.notification.repository.TrustProgress;
import uk.nhs.pdsa.notification.service.Disclosures;
import uk.nhs.pdsa.runtime.problem.ProblemException;

@Path("/api/v1/publications")
@Tag(name = "Publications", description = "Trust-level findings published to patient groups (after the embargo, or by hand)")
@Produces(MediaType.APPLICATION_JSON)
public class PublicationResource {
    private final Disclosures disclosures;
    private final Caller caller;
    private final TrustProgress progress;

    public PublicationResource(Disclosures disclosures, Caller caller, TrustProgress progress) {
        this.disclosures = disclosures;
        this.caller = caller;
        this.progress = progress;
    }

    @Schema(name = "PublicationRequest", example = """
            {"findingId": "6a0c3a57-2f0e-3b5c-8d0e-1d2b3c4d5e6f"}""")
    public record PublicationRequest(UUID findingId) {
    }

    @Schema(name = "Publication", example = """
            {"findingId": "6a0c3a57-2f0e-3b5c-8d0e-1d2b3c4d5e6f", "kind": "outlier", "organisation": "RJ1", "audit": "nhfd",
             "metric": "mortality-30-day", "period": "2025-12", "orientation": "concern",
             "publishedAt": "2026-01-30T09:00:00Z", "how": "explicit", "withdrawnAt": null,
             "since": {"testsStarted": 3, "testsFinished": 2, "adopted": 1, "adapted": 1, "abandoned": 0, "improvedAt": null}}""")
    public record PublicationView(UUID findingId,
            @Schema(description = "outlier (a monthly funnel), special-cause, or outlier-case (a case of a closed analysis"
                    + " period, published at its publication step; findingId is the case id)") String kind,
            String organisation, String audit, String metric,
            @Schema(description = "A month (2025-12), or an analysis period (2025-26, 2025, 2025-Q3, 12m-to-2025-09)")
            String period,
            String orientation, Instant publishedAt,
            @Schema(description = "embargo, explicit (by hand) or outlier-case") String how, Instant withdrawnAt,
            @Schema(description = "What the trust has done on the measure since the finding's period began: counts of its"
                    + " Plan-Do-Study-Act cycles and their decisions, and when results improved") TrustProgress.Since since) {
    }

    private PublicationView view(Disclosure d) {
        return new PublicationView(d.findingId, d.kind, d.organisation, d.audit, d.metric, d.period, d.orientation, d.publishedAt,
                d.publishedHow, d.withdrawnAt, progress.since(d.organisation, d.audit, d.metric, since(d)));
    }

    /**
     * "Since then" is since the finding's period began (the words say "In August 2025 the result was..., since
     * then..."): work a ward started on the measure before the trust-level finding reached the trust counts too.
     */
    private static Instant since(Disclosure d) {
        try {
            return Period.parse(d.period).start().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        } catch (IllegalArgumentException e) {
            return AnalysisPeriod.ofLabel(d.period)
                    .map(p -> p.first().atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                    .orElse(d.trustToldAt);
        }
    }

    @GET
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.PATIENT_GROUP, Roles.ADMIN })
    @Operation(summary = "Published findings, newest first (withdrawn ones for admins only)")
    @APIResponse(responseCode = "200", description = "A page of the publications")
    @Transactional
    public PageView<PublicationView> list(@QueryParam("organisation") String organisation,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().organisation("organisation", organisation).orRefuse();
        PageView.check(page, size, 500);
        return PageView.of(Disclosure.published(organisation).stream().filter(this::visible).map(this::view).toList(), page,
                size);
    }

    /** A withdrawn publication is no longer published: only admins still see it. */
    private boolean visible(Disclosure d) {
        return d.publishedAt != null && (d.withdrawnAt == null || caller.has(Roles.ADMIN));
    }

    @GET
    @Path("/{findingId}")
    @RolesAllowed({ Roles.VIEWER, Roles.IMPROVEMENT_LEAD, Roles.COLLEGE, Roles.PATIENT_GROUP, Roles.ADMIN })
    @Operation(summary = "One publication")
    @APIResponse(responseCode = "200", description = "The publication")
    @APIResponse(responseCode = "404", description = "Not published")
    @Transactional
    public PublicationView get(@PathParam("findingId") UUID findingId) {
        Disclosure d = Disclosure.findById(findingId);
        if (d == null || !visible(d)) {
            throw ProblemException.notFound("Finding " + findingId + " is not published");
        }
        return view(d);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a trust-level finding now, before its embargo ends; patient groups are told in plain words")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublicationRequest.class)))
    @APIResponse(responseCode = "201", description = "Published",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/json",
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = PublicationView.class)))
    @APIResponse(responseCode = "200", description = "Already published: unchanged")
    @APIResponse(responseCode = "400", description = "No finding id, or a finding below trust level (never published)")
    @APIResponse(responseCode = "404", description = "No finding the trust was told of with this id")
    @APIResponse(responseCode = "409", description = "The publication was withdrawn")
    @Transactional
    public RestResponse<PublicationView> publish(PublicationRequest request) {
        Disclosures.ByHand published = disclosures.publishNow(request == null ? null : request.findingId());
        PublicationView view = view(published.disclosure());
        return published.created()
                ? RestResponse.ResponseBuilder.<PublicationView>created(URI.create("/api/v1/publications/" + view.findingId()))
                        .entity(view).build()
                : RestResponse.ok(view);
    }

    @DELETE
    @Path("/{findingId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Withdraw a publication (it leaves the list and is not published again; messages already sent stay sent)")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "No such finding")
    @Transactional
    public void withdraw(@PathParam("findingId") UUID findingId) {
        disclosures.withdraw(findingId);
    }
}
