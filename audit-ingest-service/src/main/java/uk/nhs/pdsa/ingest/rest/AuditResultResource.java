package uk.nhs.pdsa.ingest.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.panache.common.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import uk.nhs.pdsa.ingest.service.AuditResultService.Outcome;
import uk.nhs.pdsa.ingest.service.AuditResultService.Stored;
import uk.nhs.pdsa.ingest.service.SubmissionReader;
import uk.nhs.pdsa.runtime.problem.Problem;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.rest.PageView;
import uk.nhs.pdsa.runtime.rest.QueryFilter;

@Path("/api/v1/audit-results")
@Tag(name = "Audit results")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResultResource {
    private static final String SUBMITTER = "anonymous";

    private final AuditResultService service;
    private final int maxBatchSize;

    public AuditResultResource(AuditResultService service, @ConfigProperty(name = "pdsa.ingest.max-batch-size") int maxBatchSize) {
        this.service = service;
        this.maxBatchSize = maxBatchSize;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit one result (an object) or a batch (an array, all-or-nothing)",
            description = "Each new or changed result becomes a revision and one audit-result event; resubmitting the same numbers changes nothing.")
    @APIResponse(responseCode = "201", description = "A single new result; Location names it")
    @APIResponse(responseCode = "200", description = "A single result revised or unchanged, or a batch receipt with counts")
    @APIResponse(responseCode = "400", description = "Invalid input: errors[] lists each invalid field by JSON pointer; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw ProblemException.validation("the body must be a result object or an array of them",
                    List.of(new FieldError("/", "body is empty")));
        }
        boolean batch = body.isArray();
        if (batch && (body.isEmpty() || body.size() > maxBatchSize)) {
            throw ProblemException.validation("a batch holds 1 to " + maxBatchSize + " results; this one holds " + body.size(),
                    List.of(new FieldError("/", "batch size " + body.size())));
        }
        List<Stored> stored = service.submit(SubmissionReader.readBody(body), SUBMITTER);
        if (batch) {
            return Response.ok(BatchReceipt.of(stored)).build();
        }
        Stored only = stored.get(0);
        AuditResultView view = AuditResultView.of(only.result(), only.outcome());
        return only.outcome() == Outcome.CREATED
                ? Response.created(URI.create("/api/v1/audit-results/" + only.result().id)).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Operation(summary = "Find results, newest period first, a page at a time")
    public PageView<AuditResultView> search(@QueryParam("audit") String audit, @QueryParam("metric") String metric,
            @QueryParam("organisation") String organisation, @QueryParam("microsystem") String microsystem,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        if (page < 0 || size < 1 || size > 1000) {
            throw ProblemException.validation("page must be >= 0 and size between 1 and 1000",
                    List.of(new FieldError(page < 0 ? "/page" : "/size", "out of range")));
        }
        QueryFilter filter = new QueryFilter().equal("audit", audit).equal("metric", metric)
                .equal("organisation", organisation).equal("microsystem", microsystem)
                .compare("period", ">=", from).compare("period", "<=", to);
        var found = AuditResult.<AuditResult>find(filter.orderedBy("period desc, organisation, microsystem, metric"),
                filter.parameters());
        List<AuditResultView> items = found.page(Page.of(page, size)).list().stream()
                .map(r -> AuditResultView.of(r, null)).toList();
        return new PageView<>(page, size, found.count(), items);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One result with its revision history")
    public AuditResultView.WithHistory get(@PathParam("id") UUID id) {
        return AuditResultView.withHistory(service.find(id), service.revisions(id));
    }
}
