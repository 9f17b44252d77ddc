package uk.nhs.pdsa.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * The published OpenAPI document as a contract every test holds the service to: each answer a suite receives from
 * an {@code /api/} operation is validated against the document (status, content type, body schema), and each request
 * the service accepted (2xx) too. A violation fails the test that met it, naming the operation and the rule.
 * Registered once per test class loader ({@link #register()}, by {@link OpenApiContractCallback}) as a REST Assured filter;
 * each service's document is read from its {@code /q/openapi} the first time a test calls it.
 */
public final class OpenApiContract implements Filter {
    private static volatile boolean registered;
    private static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());
    /** One validator per service (scheme, host and port), from the document that service publishes. */
    private static final java.util.Map<String, OpenApiInteractionValidator> VALIDATORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private OpenApiContract() {
    }

    /** Validates every later REST Assured exchange of this JVM with an {@code /api/} operation (idempotent). */
    public static synchronized void register() {
        if (!registered) {
            registered = true;
            RestAssured.filters(new OpenApiContract());
        }
    }

    private static OpenApiInteractionValidator validatorFor(URI uri) {
        String base = uri.getScheme() + "://" + uri.getAuthority();
        return VALIDATORS.computeIfAbsent(base, b -> {
            try {
                var http = java.net.http.HttpClient.newHttpClient();
                String document = http.send(java.net.http.HttpRequest.newBuilder(URI.create(b + "/q/openapi?format=json"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                return OpenApiInteractionValidator.createForInlineApiSpecification(nullableReferences(document))
                        .withLevelResolver(LevelResolver.create()
                                // Authentication is the authorisation matrix's to test, not the document's.
                                .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                                // Paths the document does not have are probed on purpose (404 problem+json).
                                .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                                .build())
                        .build();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * What the contract would say of an answer: the service at {@code base} answering {@code method path} with this
     * status, content type and body. For a test to prove the contract refuses an answer the document does not allow.
     */
    public static List<String> violations(String base, String method, String path, int status, String contentType,
            String body) {
        ValidationReport report = validatorFor(URI.create(base)).validateResponse(path,
                Request.Method.valueOf(method), SimpleResponse.Builder.status(status).withContentType(contentType)
                        .withBody(body).build());
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }

    /** How many exchanges were validated, for a test to print. */
    public static int validated() {
        return SEEN.size();
    }

    /**
     * The validator reads OpenAPI 3.0's {@code nullable} beside a type, but not beside {@code allOf: [$ref]} (how a
     * nullable reference is written in 3.0): there it refuses null. Rewritten for the validator only, as the JSON
     * Schema it means: one of the reference or null.
     */
    static String nullableReferences(String document) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.JsonNode root = json.readTree(document);
            rewrite(root);
            return json.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the OpenAPI document is not JSON", e);
        }
    }

    private static void rewrite(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            com.fasterxml.jackson.databind.JsonNode allOf = object.get("allOf");
            if (object.path("nullable").asBoolean(false) && allOf != null && allOf.isArray() && allOf.size() == 1
                    && allOf.get(0).has("$ref")) {
                object.remove("allOf");
                object.remove("nullable");
                var oneOf = object.putArray("oneOf");
                oneOf.add(allOf.get(0));
                oneOf.addObject().put("type", "null");
            }
            object.elements().forEachRemaining(OpenApiContract::rewrite);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(OpenApiContract::rewrite);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        String path = uri.getPath();
        if (!path.startsWith("/api/")) {
            return response;
        }
        OpenApiInteractionValidator validator = validatorFor(uri);
        Request.Method method = Request.Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT));
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode())
                .withBody(response.asString());
        if (response.contentType() != null && !response.contentType().isEmpty()) {
            answer.withContentType(response.contentType());
        }
        ValidationReport report = validator.validateResponse(path, method, answer.build());
        if (response.statusCode() < 300) {
            SimpleRequest.Builder sent = new SimpleRequest.Builder(method, path);
            request.getHeaders().forEach(h -> sent.withHeader(h.getName(), h.getValue()));
            request.getQueryParams().forEach((name, value) -> sent.withQueryParam(name, String.valueOf(value)));
            Object body = request.getBody();
            if (body != null) {
                sent.withBody(body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                        : body.toString());
            }
            report = report.merge(validator.validateRequest(sent.build()));
        }
        SEEN.add(method + " " + path);
        if (report.hasErrors()) {
            StringBuilder text = new StringBuilder(method + " " + path + " -> " + response.statusCode()
                    + " breaks the published OpenAPI document:");
            report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(m -> text.append("\n  ").append(m.getKey()).append(": ").append(m.getMessage()));
            throw new AssertionError(text.toString());
        }
        return response;
    }
}
