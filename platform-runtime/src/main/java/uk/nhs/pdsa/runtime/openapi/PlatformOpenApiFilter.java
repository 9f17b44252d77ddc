package uk.nhs.pdsa.runtime.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
    /** The problem type and title the services answer with, by status (ProblemException, ProblemMappers). */
    private static final Map<Integer, List<String>> STATUS_PROBLEMS = Map.ofEntries(
            Map.entry(400, List.of("validation", "Request is not valid")),
            Map.entry(401, List.of("unauthenticated", "Authentication required")),
            Map.entry(403, List.of("forbidden", "Forbidden")),
            Map.entry(404, List.of("not-found", "Resource not found")),
            Map.entry(409, List.of("conflict", "Conflict with the current state")),
            Map.entry(412, List.of("precondition-failed", "Changed since it was read")),
            Map.entry(413, List.of("payload-too-large", "Request body too large")),
            Map.entry(415, List.of("unsupported-media-type", "Unsupported Content-Type")),
            Map.entry(428, List.of("precondition-required", "If-Match required")),
            Map.entry(429, List.of("rate-limited", "Too many requests")),
            Map.entry(500, List.of("internal-error", "Internal error")));

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
            schemas.values().forEach(schema -> nullableUnlessRequired(schema, schemas));
            schemas.forEach((name, schema) -> pageExample(name, schema, schemas));
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
                exampleFor(schemas, "Outliers", example.path("outliers"));
                exampleFor(schemas, "Timescales", example.path("outliers").path("timescales"));
            }
            schemas.values().forEach(schema -> {
                schema.setExample(withoutNullObjects(schema.getExample(), schema, schemas));
                if (schema.getExamples() != null) {
                    schema.setExamples(new java.util.ArrayList<>(schema.getExamples().stream()
                            .map(example -> withoutNullObjects(example, schema, schemas)).toList()));
                }
            });
            removeUnused(openAPI);
        }
    }

    /** {@code example} without the nulls of nullable object references ({@code allOf}), at any depth. */
    @SuppressWarnings("unchecked")
    private static Object withoutNullObjects(Object example, Schema schema, Map<String, Schema> schemas) {
        if (schema == null || example == null) {
            return example;
        }
        if (schema.getRef() != null) {
            return withoutNullObjects(example, schemas.get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1)),
                    schemas);
        }
        if (schema.getAllOf() != null && schema.getAllOf().size() == 1) {
            return withoutNullObjects(example, schema.getAllOf().get(0), schemas);
        }
        if (example instanceof List<?> items && schema.getItems() != null) {
            return items.stream().map(item -> withoutNullObjects(item, schema.getItems(), schemas)).toList();
        }
        if (example instanceof Map<?, ?> map && schema.getProperties() != null) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, value) -> {
                Schema property = schema.getProperties().get(key);
                if (value == null && property != null && property.getAllOf() != null) {
                    return;
                }
                copy.put(key, withoutNullObjects(value, property, schemas));
            });
            return copy;
        }
        return example;
    }

    /** A schema's example: its {@code example}, else the first of its {@code examples} (where annotations put theirs). */
    private static Object exampleOf(Schema schema) {
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        return schema.getExamples() == null || schema.getExamples().isEmpty() ? null : schema.getExamples().get(0);
    }

    /** A page of a list ({@code PageViewX}) shows one real item: the example of the item's own schema. */
    private static void pageExample(String name, Schema page, Map<String, Schema> schemas) {
        if (!name.startsWith("PageView") || exampleOf(page) != null || page.getProperties() == null
                || page.getProperties().get("items") == null || page.getProperties().get("items").getItems() == null) {
            return;
        }
        String ref = page.getProperties().get("items").getItems().getRef();
        Schema item = ref == null ? null : schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
        Object itemExample = item == null ? null : exampleOf(item);
        if (itemExample != null) {
            Map<String, Object> example = new java.util.LinkedHashMap<>();
            example.put("page", 0);
            example.put("size", 100);
            example.put("total", 1);
            example.put("items", List.of(itemExample));
            page.setExample(example);
        }
    }

    /**
     * Drops the component schemas nothing refers to any more (a generic type's raw form, a scalar schema inlined
     * where it was nullable), so that the document describes only what the API uses.
     */
    private static void removeUnused(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        java.util.Set<String> used = new java.util.HashSet<>();
        java.util.Deque<Schema> pending = new java.util.ArrayDeque<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> add(pending, p.getSchema()));
                }
                if (operation.getRequestBody() != null) {
                    addContent(pending, operation.getRequestBody().getContent());
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(response -> {
                        addContent(pending, response.getContent());
                        if (response.getHeaders() != null) {
                            response.getHeaders().values().forEach(h -> add(pending, h.getSchema()));
                        }
                    });
                }
            }));
        }
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                if (used.add(name)) {
                    add(pending, schemas.get(name));
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(p -> add(pending, p));
            }
            add(pending, schema.getItems());
            add(pending, schema.getAdditionalPropertiesSchema());
            add(pending, schema.getNot());
            for (List<Schema> group : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (group != null) {
                    group.forEach(s -> add(pending, s));
                }
            }
        }
        schemas.keySet().stream().filter(name -> !used.contains(name)).toList().forEach(openAPI.getComponents()::removeSchema);
    }

    private static void addContent(java.util.Deque<Schema> pending, Content content) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> add(pending, media.getSchema()));
        }
    }

    private static void add(java.util.Deque<Schema> pending, Schema schema) {
        if (schema != null) {
            pending.push(schema);
        }
    }

    /**
     * A property that is not required may come as null (a record component without a value): say so, so that a
     * generated client and a contract validator accept the answers the services really give. OpenAPI 3.0 lets only a
     * schema with a {@code type} be nullable: a reference to a scalar schema (an id, a time, an enumeration) becomes
     * that schema's own type and format made nullable, a reference to an object a nullable object of that shape.
     */
    private static void nullableUnlessRequired(Schema schema, Map<String, Schema> schemas) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, property) -> {
            if (required.contains(name)) {
                return;
            }
            if (property.getRef() != null) {
                String ref = property.getRef();
                Schema target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
                property.setRef(null);
                if (target != null && isScalar(target)) {
                    property.setType(new java.util.ArrayList<>(target.getType()));
                    property.setFormat(target.getFormat());
                    property.setPattern(target.getPattern());
                    if (target.getEnumeration() != null) {
                        property.setEnumeration(new java.util.ArrayList<>(target.getEnumeration()));
                        property.addEnumeration(null);
                    }
                    if (property.getDescription() == null) {
                        property.setDescription(target.getDescription());
                    }
                } else {
                    // OpenAPI 3.0's idiom for a nullable reference. Tools differ on whether a null also has to pass
                    // the referenced schema (Redocly: yes; swagger-request-validator: no), so examples leave such
                    // a null out rather than show it (examplesWithoutNullObjects).
                    property.setType(new java.util.ArrayList<>(List.of(Schema.SchemaType.OBJECT)));
                    property.setAllOf(new java.util.ArrayList<>(List.of(OASFactory.createSchema().ref(ref))));
                }
                property.addType(Schema.SchemaType.NULL);
            } else if (property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
                property.addType(Schema.SchemaType.NULL);
            }
            nullableUnlessRequired(property, schemas);
        });
    }

    private static boolean isScalar(Schema schema) {
        return schema.getType() != null && !schema.getType().isEmpty() && schema.getProperties() == null
                && schema.getType().stream().noneMatch(t -> t == Schema.SchemaType.OBJECT || t == Schema.SchemaType.ARRAY);
    }

    private void addProblems(String path, PathItem item) {
        item.getOperations().forEach((method, operation) -> {
            if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
                operation.getResponses().getAPIResponses().forEach((status, response) -> {
                    if (isError(status) && response.getContent() == null) {
                        response.setContent(problemContent(Integer.parseInt(status), response.getDescription()));
                    }
                    csvAsText(response.getContent());
                });
            }
            boolean input = operation.getRequestBody() != null
                    || (operation.getParameters() != null && !operation.getParameters().isEmpty());
            if (input) {
                problem(operation, "400", "Invalid input: errors[] names each invalid field by JSON pointer; nothing changed",
                        "validation", "Request is not valid", 400);
            }
            boolean conditional = operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
            if (conditional) {
                problem(operation, "412", "If-Match names a version that is no longer current; read again and re-apply",
                        "precondition-failed", "Changed since it was read", 412);
                problem(operation, "428", "If-Match is required", "precondition-required", "If-Match required", 428);
            }
            if (operation.getRequestBody() != null) {
                problem(operation, "413", "The body is larger than the service takes (API_MAX_BODY_SIZE); nothing changed",
                        "payload-too-large", "Request body too large", 413);
            }
            if (path.contains("{")) {
                problem(operation, "404", "No such resource", "not-found", "Resource not found", 404);
            }
            problem(operation, "500", "Unexpected error; the detail quotes an incident id found in the service log",
                    "internal-error", "Internal error", 500);
        });
    }

    /** A CSV answer is text whose columns are the JSON answer's fields, not the JSON schema the scanner gave it. */
    private static void csvAsText(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        // A new media type object: the scanner may share one between the content types of an operation.
        List.copyOf(content.getMediaTypes().keySet()).stream()
                .filter(mediaType -> mediaType.startsWith(uk.nhs.pdsa.runtime.rest.CsvWriter.TEXT_CSV))
                .forEach(mediaType -> content.addMediaType(mediaType, OASFactory.createMediaType().schema(OASFactory
                        .createSchema().addType(Schema.SchemaType.STRING)
                        .description("RFC 4180 CSV in UTF-8 with a header row (media type "
                                + uk.nhs.pdsa.runtime.rest.CsvWriter.TEXT_CSV_UTF8 + "): one row per item of the JSON"
                                + " answer (a chart: per point; a funnel: per trust), its fields as columns, nested ones"
                                + " dotted (limits.alarmLow), lists of values joined by \"; \""))));
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

    /** The problem+json body of a declared error answer, its example typed and titled as the services answer. */
    private static Content problemContent(int status, String description) {
        List<String> problem = STATUS_PROBLEMS.getOrDefault(status, List.of("error", "Error"));
        return problemContent(Problem.TYPE_BASE + problem.get(0), problem.get(1), status,
                description == null ? problem.get(1) : description);
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
