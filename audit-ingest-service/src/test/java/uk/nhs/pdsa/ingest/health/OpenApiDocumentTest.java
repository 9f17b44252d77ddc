package uk.nhs.pdsa.ingest.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The published API document is complete enough to integrate from: every operation has a summary and its
 * success and problem answers, every request body has a runnable example for each content type it
 * accepts, every schema has an example.
 */
@QuarkusTest
class OpenApiDocumentTest {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private JsonPath document;

    @org.junit.jupiter.api.BeforeEach
    void fetch() {
        document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldDescribeEveryOperationWithItsAnswers() {
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<String> gaps = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var method : path.getValue().entrySet()) {
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                operations++;
                String at = method.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = method.getValue();
                if (!(operation.get("summary") instanceof String summary) || summary.isBlank()) {
                    gaps.add(at + ": no summary");
                }
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                    gaps.add(at + ": no success answer");
                }
                if (!responses.containsKey("500")) {
                    gaps.add(at + ": no 500 problem");
                }
                if (path.getKey().contains("{") && !responses.containsKey("404")) {
                    gaps.add(at + ": no 404 problem");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
                if (body != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) body.get("content");
                    content.forEach((mediaType, media) -> {
                        boolean example = media.get("example") != null || media.get("examples") != null
                                || hasSchemaExample(media);
                        if (!example) {
                            gaps.add(at + ": no example for " + mediaType);
                        }
                    });
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(12);
        assertThat(gaps).isEmpty();
        assertThat(document.getMap("paths.'/api/v1/audit-results'.post.requestBody.content").keySet())
                .containsExactlyInAnyOrder("application/json", "text/csv", "application/fhir+json");
    }

    @Test
    void shouldGiveEverySchemaAnExample() {
        Map<String, Map<String, Object>> schemas = document.getMap("components.schemas");
        List<String> withoutExample = schemas.entrySet().stream()
                .filter(e -> e.getValue().get("example") == null && e.getValue().get("examples") == null)
                .map(Map.Entry::getKey).sorted().toList();
        assertThat(withoutExample).isEmpty();
    }

    private boolean hasSchemaExample(Map<String, Object> media) {
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) media.get("schema");
        if (schema == null || !(schema.get("$ref") instanceof String ref)) {
            return false;
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return document.get("components.schemas." + name + ".example") != null;
    }
}
