package uk.nhs.pdsa.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


import io.quarkus.panache.common.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import uk.nhs.pdsa.ingest.AuditResult;
import uk.nhs.pdsa.ingest.service.AuditResultService;
import uk.nhs.pdsa.ingest.service.SubmissionFormat;
import uk.nhs.pdsa.runtime.problem.Problem;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.CsvWriter;
import uk.nhs.pdsa.runtime.rest.PageView;
import uk.nhs.pdsa.runtime.rest.QueryFilter;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;
import uk.nhs.pdsa.ingest.service.RateLimiter;
import jakarta.annotation.security.RolesAllowed;

@Path("/api/v1/audit-results")
@Tag(name = "Audit results", description = "Submit results (JSON, CSV or FHIR R4) and read them back with their revisions")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResultResource {
    static final String REPLAYED = "Idempotent-Replayed";

    private final AuditResultService service;
    private final SubmissionAnswers answers;
    private final long maxBodySize;
    private final Caller caller;
    private final RateLimiter rateLimiter;

    public AuditResultResource(AuditResultService service, SubmissionAnswers answers,
            @ConfigProperty(name = "pdsa.ingest.max-body-size") MemorySize maxBodySize, Caller caller,
            RateLimiter rateLimiter) {
        this.service = service;
        this.answers = answers;
        this.maxBodySize = maxBodySize.asLongValue();
        this.caller = caller;
        this.rateLimiter = rateLimiter;
    }

    @POST
    @RolesAllowed(Roles.SUBMITTER)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Submit one result or a batch (all-or-nothing) as JSON, CSV or FHIR R4",
            description = """
                    A JSON object is one result; a JSON array, a CSV file (header row, then one result per row) or a                     FHIR Bundle of MeasureReports is a batch of up to 10,000. A batch is all-or-nothing: if any item                     is invalid nothing is stored and errors[] lists every invalid field by JSON pointer                     (/<item index>/<field>; for FHIR the report's place in the Bundle). Each new or changed result                     becomes a revision and exactly one audit-result event; the same numbers again change nothing.                     With an Idempotency-Key, a retry of the same request returns the first answer (header                     Idempotent-Replayed: true) and stores nothing twice. A token submits for its own organisation             only (each item's organisation must be the token's org); each organisation may send             pdsa.ingest.rate-limit.per-minute requests a minute (429 with Retry-After beyond it).""")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { ResultItem.class, ResultItem[].class }), examples = {
                    @ExampleObject(name = "one result", value = Examples.JSON_ONE),
                    @ExampleObject(name = "a batch", value = Examples.JSON_BATCH)}),
            @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums
                    .SchemaType.STRING, description = "RFC 4180 with a header row naming ResultItem's fields as columns"),
                    examples = @ExampleObject(name = "a CSV batch", value = Examples.CSV)),
            @Content(mediaType = "application/fhir+json", schema = @Schema(type = org.eclipse.microprofile.openapi
                    .annotations.enums.SchemaType.OBJECT, description = "A FHIR R4 MeasureReport or Bundle (see"
                    + " http://hl7.org/fhir/R4/measurereport.html)"), examples = @ExampleObject(name = "a FHIR R4"
                    + " MeasureReport", value = Examples.FHIR)),
            @Content(mediaType = "application/json+fhir", schema = @Schema(type = org.eclipse.microprofile.openapi
                    .annotations.enums.SchemaType.OBJECT, description = "The older name of application/fhir+json"),
                    examples = @ExampleObject(name = "a FHIR R4 MeasureReport", value = Examples.FHIR)),
            @Content(mediaType = "application/fhir+xml", schema = @Schema(type = org.eclipse.microprofile.openapi
                    .annotations.enums.SchemaType.STRING), examples = @ExampleObject(name = "a FHIR R4 MeasureReport in XML",
                    value = Examples.FHIR_XML))})
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = false,
            description = "Any unique string per request (a UUID): a retry with the same key and body returns the first answer",
            example = "7f6c1a52-3b0e-4d0e-9a43-2b0c3e1d9a77")
    @APIResponse(responseCode = "201", description = "A single new result; Location names it",
            headers = @Header(name = "Location", description = "The new result",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                            format = "uri")),
            content = @Content(schema = @Schema(implementation = AuditResultView.class)))
    @APIResponse(responseCode = "200", description = "A single result revised or unchanged, or a batch receipt with counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { AuditResultView.class, BatchReceipt.class })))
    @APIResponse(responseCode = "400", description = "Invalid or unreadable input: errors[] lists each invalid field; nothing stored")
    @APIResponse(responseCode = "403", description = "An item names another organisation than the token's; nothing stored")
    @APIResponse(responseCode = "429", description = "The organisation sent too many requests; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)))
    @APIResponse(responseCode = "413", description = "Body above pdsa.ingest.max-body-size; nothing stored")
    @APIResponse(responseCode = "415", description = "Content-Type missing or not JSON, CSV, FHIR JSON or FHIR XML"
            + " (application/json+fhir and application/xml+fhir are read as FHIR too)")
    @APIResponse(responseCode = "422", description = "Idempotency-Key already used with a different request")
    public Response submit(@HeaderParam("Content-Type") String contentType,
            @HeaderParam("Idempotency-Key") String idempotencyKey, InputStream body) throws IOException {
        rateLimiter.acquire(caller.organisation());
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
        if (bytes.length > maxBodySize) {
            throw ProblemException.payloadTooLarge("the body is larger than " + maxBodySize + " bytes; split the batch");
        }
        SubmissionFormat format = SubmissionFormat.of(contentType);
        SubmissionAnswers.Reply reply = answers.submit(format, bytes, idempotencyKey, caller.actor(),
                caller.organisation());
        Response.ResponseBuilder response = Response.status(reply.answer().status())
                .type(MediaType.APPLICATION_JSON)
                .entity(reply.answer().body());
        if (reply.answer().location() != null) {
            response.location(URI.create(reply.answer().location()));
        }
        if (reply.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV })
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.IMPROVEMENT_LEAD })
    @Operation(summary = "Find results of the caller's organisation, newest period first, a page at a time")
    public PageView<AuditResultView> search(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        uk.nhs.pdsa.runtime.rest.FilterRules.check().code("audit", audit).code("metric", metric)
                .organisation("organisation", organisation).microsystem("microsystem", microsystem)
                .period("from", from).period("to", to).orRefuse();
        PageView.check(page, size, 1000);
        if (caller.asksForAnother(organisation)) {
            return new PageView<>(page, size, 0, List.of()); // only the caller's own results are listed
        }
        QueryFilter filter = new QueryFilter().equal("audit", audit).equal("metric", metric)
                .equal("organisation", caller.organisation()).equal("microsystem", microsystem)
                .compare("period", ">=", from).compare("period", "<=", to);
        var found = AuditResult.<AuditResult>find(filter.orderedBy("period desc, organisation, microsystem, metric"),
                filter.parameters());
        List<AuditResultView> items = found.page(Page.of(page, size)).list().stream()
                .map(r -> AuditResultView.of(r, null)).toList();
        return new PageView<>(page, size, found.count(), items);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SUBMITTER, Roles.VIEWER, Roles.IMPROVEMENT_LEAD })
    @Operation(summary = "One result of the caller's organisation with its revision history")
    public AuditResultView.WithHistory get(@PathParam("id") UUID id) {
        AuditResult result = service.find(id);
        caller.requireOwn(result.organisation, "No audit result " + id, Roles.SUBMITTER, Roles.VIEWER,
                Roles.IMPROVEMENT_LEAD);
        return AuditResultView.withHistory(result, service.revisions(id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.SUBMITTER)
    @Operation(summary = "Withdraw a wrong result of the caller's organisation, with the reason",
            description = "A new revision without numbers, kept in the history with the reason, and an"
                    + " nhs.pdsa.audit-result.withdrawn.v1 event: findings drops the point and recomputes. Withdrawing"
                    + " again changes nothing; submitting the result again brings it back as a new revision.")
    @Parameter(name = "reason", in = ParameterIn.QUERY, required = true, description = "Why the result is withdrawn"
            + " (1 to 500 characters)", example = "Submitted against the wrong ward")
    @APIResponse(responseCode = "200", description = "The result as withdrawn",
            content = @Content(schema = @Schema(implementation = AuditResultView.class)))
    @APIResponse(responseCode = "400", description = "No reason, or one longer than 500 characters; nothing changed")
    @APIResponse(responseCode = "404", description = "No result of the caller's organisation with this id")
    public AuditResultView withdraw(@PathParam("id") UUID id, @QueryParam("reason") String reason) {
        rateLimiter.acquire(caller.organisation());
        return AuditResultView.of(service.withdraw(id, reason, caller.actor(), caller.organisation()), null);
    }
}
