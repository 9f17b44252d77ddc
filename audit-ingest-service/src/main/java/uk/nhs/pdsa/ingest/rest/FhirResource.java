package uk.nhs.pdsa.ingest.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Resource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import uk.nhs.pdsa.ingest.service.AuditResultService.Outcome;
import uk.nhs.pdsa.ingest.service.AuditResultService.Stored;
import uk.nhs.pdsa.ingest.service.CatalogueLookup;
import uk.nhs.pdsa.ingest.service.FhirSubmissionReader;
import uk.nhs.pdsa.ingest.service.RateLimiter;
import uk.nhs.pdsa.ingest.service.SubmissionFormat;
import uk.nhs.pdsa.ingest.service.SubmissionReader;
import uk.nhs.pdsa.ingest.service.SubmissionService;
import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;
import uk.nhs.pdsa.runtime.security.Caller;
import uk.nhs.pdsa.runtime.security.Roles;

/**
 * A small, honest FHIR R4 endpoint for trust systems and FHIR tooling (a HAPI {@code IGenericClient} works against
 * it): {@code POST [base]/MeasureReport} creates (or revises) one result, {@code POST [base]} takes a transaction
 * (all-or-nothing) or batch (each entry on its own) Bundle of MeasureReports, and {@code GET [base]/metadata} says
 * exactly that. Answers are FHIR resources in JSON or XML ({@code Accept} or {@code _format}); refusals are
 * {@code OperationOutcome}s locating each invalid element in FHIRPath. The same rules as
 * {@code POST /api/v1/audit-results} apply (see {@link FhirSubmissionReader}).
 */
@Path("/api/fhir")
@Tag(name = "FHIR R4", description = "MeasureReports as FHIR servers and clients send them: create, transaction and batch")
public class FhirResource {
    static final String FHIR_JSON = "application/fhir+json";
    static final String FHIR_XML = "application/fhir+xml";

    private final SubmissionService submissions;
    private final Caller caller;
    private final RateLimiter rateLimiter;
    private final long maxBodySize;

    @Context
    UriInfo uri;

    public FhirResource(SubmissionService submissions, Caller caller, RateLimiter rateLimiter,
            @ConfigProperty(name = "pdsa.ingest.max-body-size") MemorySize maxBodySize) {
        this.submissions = submissions;
        this.caller = caller;
        this.rateLimiter = rateLimiter;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    @GET
    @Path("/metadata")
    @Authenticated
    @Operation(summary = "The CapabilityStatement: what this FHIR endpoint does, and nothing more")
    @APIResponse(responseCode = "200", description = "A FHIR R4 CapabilityStatement", content = {
        @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)),
        @Content(mediaType = FHIR_XML, schema = @Schema(type = SchemaType.STRING)) })
    public Response metadata(@HeaderParam("Accept") String accept, @QueryParam("_format") String format) {
        boolean xml = wantsXml(accept, format);
        return fhir(200, FhirCapability.statement(base()), xml).build();
    }

    @POST
    @Path("/MeasureReport")
    @RolesAllowed(Roles.SUBMITTER)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create one MeasureReport: one audit result of the token's organisation",
            description = "201 with Location [base]/MeasureReport/<result id>/_history/<revision> for a new result;"
                    + " 200 when the report revises one (or repeats it unchanged). Refusals are OperationOutcomes.")
    @RequestBody(required = true, content = {
        @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT),
                examples = @ExampleObject(name = "a MeasureReport", value = Examples.FHIR)),
        @Content(mediaType = FHIR_XML, schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "a MeasureReport in XML", value = Examples.FHIR_XML)) })
    @APIResponse(responseCode = "201", description = "Created: the report as stored, with its id and version",
            content = { @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                @Content(mediaType = FHIR_XML, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "200", description = "Revised or unchanged: the report as stored",
            content = { @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                @Content(mediaType = FHIR_XML, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "An OperationOutcome: each invalid element by FHIRPath; nothing stored",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "403", description = "An OperationOutcome: the report is another organisation's (a token"
            + " without the submitter role: problem+json)", content = {
                @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")) })
    @APIResponse(responseCode = "415", description = "An OperationOutcome: not FHIR JSON or XML",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response create(@HeaderParam("Content-Type") String contentType, @HeaderParam("Accept") String accept,
            @QueryParam("_format") String format, InputStream body) throws IOException {
        boolean xml = wantsXml(accept, format);
        try {
            IBaseResource resource = read(contentType, body);
            if (!(resource instanceof MeasureReport report)) {
                throw ProblemException.validation("POST [base]/MeasureReport takes a MeasureReport; post a transaction"
                        + " or batch Bundle to [base]", List.of(new FieldError("/resourceType", "not a MeasureReport: "
                                + resource.fhirType())));
            }
            Stored stored = inTransaction(() -> {
                CatalogueLookup catalogue = submissions.catalogue();
                return submissions.submit(FhirSubmissionReader.read(report, catalogue), catalogue,
                        caller.actor(), caller.organisation()).get(0);
            });
            identify(report, stored);
            return fhir(stored.outcome() == Outcome.CREATED ? 201 : 200, report, xml)
                    .location(URI.create(base() + "/" + location(stored))).header("ETag", etag(stored)).build();
        } catch (ProblemException e) {
            return refusal(e, "MeasureReport", xml);
        }
    }

    @POST
    @RolesAllowed(Roles.SUBMITTER)
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A transaction (all-or-nothing) or batch (entry by entry) Bundle of MeasureReports",
            description = "Each MeasureReport entry has request POST MeasureReport; Organization and Location entries"
                    + " may be included for the reports' references to resolve (they are read, not stored). Answers a"
                    + " transaction-response or batch-response Bundle; a refused transaction is an OperationOutcome.")
    @RequestBody(required = true, content = {
        @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT),
                examples = @ExampleObject(name = "a transaction", value = Examples.FHIR_TRANSACTION)),
        @Content(mediaType = FHIR_XML, schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "a transaction in XML", value = Examples.FHIR_TRANSACTION_XML)) })
    @APIResponse(responseCode = "200", description = "The transaction-response or batch-response Bundle",
            content = { @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                @Content(mediaType = FHIR_XML, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "An OperationOutcome: each invalid element by FHIRPath; nothing stored",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "403", description = "An OperationOutcome: a report is another organisation's (a token"
            + " without the submitter role: problem+json)", content = {
                @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")) })
    @APIResponse(responseCode = "415", description = "An OperationOutcome: not FHIR JSON or XML",
            content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response bundle(@HeaderParam("Content-Type") String contentType, @HeaderParam("Accept") String accept,
            @QueryParam("_format") String format, InputStream body) throws IOException {
        boolean xml = wantsXml(accept, format);
        try {
            IBaseResource resource = read(contentType, body);
            if (!(resource instanceof Bundle bundle) || bundle.getType() != BundleType.TRANSACTION
                    && bundle.getType() != BundleType.BATCH) {
                throw ProblemException.validation("POST [base] takes a Bundle of type transaction or batch; post one"
                        + " MeasureReport to [base]/MeasureReport", List.of(new FieldError(resource instanceof Bundle
                                ? "/type" : "/resourceType", "not a transaction or batch Bundle")));
            }
            requireRequests(bundle);
            Bundle answer = bundle.getType() == BundleType.TRANSACTION ? transaction(bundle) : batch(bundle);
            return fhir(200, answer, xml).build();
        } catch (ProblemException e) {
            return refusal(e, "Bundle", xml);
        }
    }

    /** All or nothing: every report stored in one transaction, or an OperationOutcome for all that is wrong. */
    private Bundle transaction(Bundle bundle) {
        List<Stored> stored = inTransaction(() -> {
            CatalogueLookup catalogue = submissions.catalogue();
            return submissions.submit(FhirSubmissionReader.read(bundle, catalogue), catalogue, caller.actor(),
                    caller.organisation());
        });
        Bundle answer = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
        int next = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof MeasureReport) {
                answer.addEntry(stored(stored.get(next++)));
            } else {
                answer.addEntry(referenceOnly());
            }
        }
        return answer;
    }

    /** Entry by entry: each report stored or refused on its own, each answer in its entry. */
    private Bundle batch(Bundle bundle) {
        List<SubmissionReader.Read> reads = inTransaction(() -> FhirSubmissionReader.read(bundle, submissions.catalogue()));
        Bundle answer = new Bundle().setType(BundleType.BATCHRESPONSE);
        int next = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (!(entry.getResource() instanceof MeasureReport)) {
                answer.addEntry(referenceOnly());
                continue;
            }
            SubmissionReader.Read read = reads.get(next++);
            try {
                answer.addEntry(stored(inTransaction(() -> submissions.submit(List.of(read), submissions.catalogue(),
                        caller.actor(), caller.organisation()).get(0))));
            } catch (ProblemException e) {
                Bundle.BundleEntryComponent refused = new Bundle.BundleEntryComponent();
                refused.getResponse().setStatus(e.status() + " " + Response.Status.fromStatusCode(e.status()).getReasonPhrase())
                        .setOutcome(FhirOutcomes.of(e, "Bundle"));
                answer.addEntry(refused);
            }
        }
        return answer;
    }

    /** Transaction and batch entries say what they do: a MeasureReport is POSTed to MeasureReport. */
    private static void requireRequests(Bundle bundle) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            if (entry.getResource() instanceof MeasureReport && (entry.getRequest().getMethod() != Bundle.HTTPVerb.POST
                    || !"MeasureReport".equals(entry.getRequest().getUrl()))) {
                errors.add(new FieldError("/entry/" + i + "/request", "a MeasureReport entry has request method POST"
                        + " and url MeasureReport (creates are all this endpoint does)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors.size() + " entry request(s) this endpoint does not do", errors);
        }
    }

    private static Bundle.BundleEntryComponent stored(Stored stored) {
        Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent();
        entry.getResponse().setStatus(stored.outcome() == Outcome.CREATED ? "201 Created" : "200 OK")
                .setLocation(location(stored)).setEtag(etag(stored)).setLastModified(Date.from(
                        stored.updatedAt() == null ? java.time.Instant.now() : stored.updatedAt()));
        return entry;
    }

    private static Bundle.BundleEntryComponent referenceOnly() {
        Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent();
        entry.getResponse().setStatus("200 OK").setOutcome(FhirOutcomes.information("read to resolve the reports'"
                + " references; not stored (the platform's catalogue holds organisations and microsystems)"));
        return entry;
    }

    private static void identify(MeasureReport report, Stored stored) {
        report.setIdElement(new IdType("MeasureReport", stored.id().toString(), String.valueOf(stored.revision())));
        report.getMeta().setVersionId(String.valueOf(stored.revision()));
        if (stored.updatedAt() != null) {
            report.getMeta().setLastUpdated(Date.from(stored.updatedAt()));
        }
    }

    private static String location(Stored stored) {
        return "MeasureReport/" + stored.id() + "/_history/" + stored.revision();
    }

    private static String etag(Stored stored) {
        return "W/\"" + stored.revision() + "\"";
    }

    private IBaseResource read(String contentType, InputStream body) throws IOException {
        rateLimiter.acquire(caller.organisation());
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
        if (bytes.length > maxBodySize) {
            throw ProblemException.payloadTooLarge("the body is larger than " + maxBodySize + " bytes; split the Bundle");
        }
        SubmissionFormat format = SubmissionFormat.of(contentType);
        if (!format.fhir()) {
            throw ProblemException.unsupportedMediaType("this FHIR endpoint reads " + FHIR_JSON + " or " + FHIR_XML
                    + "; send JSON and CSV to /api/v1/audit-results");
        }
        if (bytes.length == 0) {
            throw ProblemException.validation("the body is empty", List.of(new FieldError("/", "body is empty")));
        }
        return FhirSubmissionReader.parse(SubmissionService.utf8(bytes), format == SubmissionFormat.FHIR_XML);
    }

    private static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    private Response refusal(ProblemException e, String root, boolean xml) {
        Response.ResponseBuilder response = fhir(e.status(), FhirOutcomes.of(e, root), xml);
        e.headers().forEach(response::header);
        return response.build();
    }

    private static Response.ResponseBuilder fhir(int status, Resource resource, boolean xml) {
        var parser = xml ? FhirSubmissionReader.context().newXmlParser() : FhirSubmissionReader.context().newJsonParser();
        return Response.status(status).type((xml ? FHIR_XML : FHIR_JSON) + ";charset=utf-8")
                .entity(parser.encodeResourceToString(resource));
    }

    /** XML when {@code _format} or {@code Accept} asks for it and not for JSON; JSON otherwise. */
    static boolean wantsXml(String accept, String format) {
        if (format != null && !format.isBlank()) {
            return format.contains("xml");
        }
        return accept != null && accept.contains("xml") && !accept.contains("json");
    }

    private String base() {
        return uri.getBaseUriBuilder().path("api/fhir").build().toString().replaceAll("/$", "");
    }
}
