package uk.nhs.pdsa.runtime.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import uk.nhs.pdsa.events.EventType;
import uk.nhs.pdsa.runtime.problem.Problem;

/**
 * Completes every service's OpenAPI document the same way: each operation lists the problem+json answers
 * it can give (400 when it takes input, 404 when its path names a resource, 500 always), every error answer an
 * operation declares ({@code @APIResponse(responseCode = "409", description = ...)}) gets the problem+json body,
 * and schemas that are event payloads (the catalogue API answers with them) carry the example of their event schema.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PlatformOpenApiFilter implements OASFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Map<Integer, String> STATUS_TITLES = Map.ofEntries(Map.entry(400, "Bad request"),
            Map.entry(401, "Unauthenticated"), Map.entry(403, "Forbidden"), Map.entry(404, "Not found"),
            Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(412, "Precondition failed"),
            Map.entry(413, "Payload too large"), Map.entry(415, "Unsupported media type"),
            Map.entry(422, "Unprocessable"), Map.entry(428, "Precondition required"),
            Map.entry(429, "Rate limited"), Map.entry(500, "Internal error"), Map.entry(502, "Bad gateway"),
            Map.entry(503, "Unavailable"), Map.entry(504, "Gateway timeout"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        if (openAPI.getComponents().getSchemas() == null || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
            openAPI.getComponents().addSchema("Problem", problemSchema());
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach(this::addProblems);
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
            if (schemas.containsKey("UUID") && schemas.get("UUID").getExample() == null) {
                schemas.get("UUID").setExample("3d9a5f0e-8f6e-3c1b-9b7e-2f0a4c6d8e10");
            }
            for (EventType type : EventType.values()) {
                JsonNode example = firstExample(type);
                if (example == null) {
                    continue;
                }
                exampleFor(schemas, type.payloadType().getSimpleName(), example);
                // Records nested in event payloads appear as schemas of their own.
                exampleFor(schemas, "Metric", example.path("metrics").path(0));
                exampleFor(schemas, "SpcSettings", example.path("metrics").path(0).path("spc"));
                exampleFor(schemas, "Microsystem", example.path("microsystems").path(0));
            }
        }
    }

    private void addProblems(String path, PathItem item) {
        item.getOperations().forEach((method, operation) -> {
            if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                operation.getResponses().getAPIResponses().forEach((status, response) -> {
                    if (isError(status) && response.getContent() == null) {
                        response.setContent(problemContent(Integer.parseInt(status), response.getDescription()));
                    }
                });
            }
            boolean input = operation.getRequestBody() != null
                    || (operation.getParameters() != null && !operation.getParameters().isEmpty());
            if (input) {
                problem(operation, "400", "Invalid input: errors[] names each invalid field by JSON pointer; nothing changed",
                        "validation", "Request is not valid", 400);
            }
            if (path.contains("{")) {
                problem(operation, "404", "No such resource", "not-found", "Resource not found", 404);
            }
            problem(operation, "500", "Unexpected error; the detail quotes an incident id found in the service log",
                    "internal-error", "Internal error", 500);
        });
    }

    private static void problem(Operation operation, String status, String description, String slug, String title,
            int code) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse()
                .description(description)
                .content(problemContent(Problem.TYPE_BASE + slug, title, code, description)));
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    /** The problem+json body of a declared error answer, its example titled by the status. */
    private static Content problemContent(int status, String description) {
        String title = STATUS_TITLES.getOrDefault(status, "Error");
        return problemContent(Problem.TYPE_BASE + title.toLowerCase(Locale.ROOT).replace(' ', '-'), title, status,
                description == null ? title : description);
    }

    private static Content problemContent(String type, String title, int status, String detail) {
        Map<String, Object> example = Map.of("type", type, "title", title, "status", status, "detail", detail);
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_REF))
                .example(example));
    }

    /** The schema of {@link Problem}, for services whose annotations never mention it. */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("pointer", text).addProperty("detail", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; errors[] names each invalid field by JSON pointer")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError));
    }

    private static void exampleFor(Map<String, Schema> schemas, String name, JsonNode example) {
        Schema schema = schemas.get(name);
        if (schema != null && schema.getExample() == null && example != null && !example.isMissingNode()
                && !example.isNull()) {
            schema.setExample(JSON.convertValue(example, Object.class));
        }
    }

    private static JsonNode firstExample(EventType type) {
        try (InputStream in = PlatformOpenApiFilter.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                return null;
            }
            JsonNode examples = JSON.readTree(in).path("examples");
            return examples.isArray() && !examples.isEmpty() ? examples.get(0) : null;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + type.schemaResource(), e);
        }
    }
}
