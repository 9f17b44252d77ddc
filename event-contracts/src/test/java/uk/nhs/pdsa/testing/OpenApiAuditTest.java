package uk.nhs.pdsa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The checks the services' OpenApiDocumentTest relies on do fail a broken document: the faults the four documents
 * had before they were fixed (a nullable reference without a type, an example that breaks its schema, an operation
 * without an id, a header without a schema) each give a line.
 */
class OpenApiAuditTest {
    private static final String VALID = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1", "description": "d"},
             "servers": [{"url": "/"}], "security": [{"bearer": []}], "tags": [{"name": "Things", "description": "things"}],
             "paths": {"/things/{id}": {"get": {"operationId": "Things_get", "summary": "one thing", "tags": ["Things"],
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
               "responses": {"200": {"description": "the thing",
                 "headers": {"ETag": {"schema": {"type": "string"}}},
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                 "404": {"description": "no such thing"}}}}},
             "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": {
               "Thing": {"type": "object", "properties": {"when": {"$ref": "#/components/schemas/Day"},
                 "size": {"type": "integer", "nullable": true}}, "example": {"when": "2026-01-02", "size": 3}},
               "Day": {"type": "string", "format": "date", "example": "2026-01-02"}}}}
            """;

    @Test
    void shouldPassAValidDocument() {
        OpenApiAudit audit = new OpenApiAudit(VALID);
        assertThat(audit.redoclyProblems()).isEmpty();
        assertThat(audit.specValidatorProblems()).isEmpty();
        assertThat(audit.generatorGaps()).isEmpty();
    }

    @Test
    void shouldReportANullableReferenceWithoutType() {
        String broken = VALID.replace("\"when\": {\"$ref\": \"#/components/schemas/Day\"}",
                "\"when\": {\"allOf\": [{\"$ref\": \"#/components/schemas/Day\"}], \"nullable\": true}");
        assertThat(String.join("\n", new OpenApiAudit(broken).redoclyProblems()))
                .contains("error", "nullable-type-sibling");
    }

    @Test
    void shouldReportAnExampleThatBreaksItsSchema() {
        String broken = VALID.replace("\"size\": 3}", "\"size\": \"three\"}");
        assertThat(String.join("\n", new OpenApiAudit(broken).redoclyProblems()))
                .contains("warning", "no-invalid-schema-examples");
    }

    @Test
    void shouldReportAnOperationWithoutIdAndAHeaderWithoutSchema() {
        OpenApiAudit withoutId = new OpenApiAudit(VALID.replace("\"operationId\": \"Things_get\", ", ""));
        assertThat(String.join("\n", withoutId.redoclyProblems())).contains("operation-operationId");
        assertThat(withoutId.generatorGaps()).containsExactly("GET /things/{id}: no operationId");
        OpenApiAudit headerWithoutSchema = new OpenApiAudit(VALID.replace("{\"schema\": {\"type\": \"string\"}}}", "{}}"));
        assertThat(headerWithoutSchema.specValidatorProblems()).isNotEmpty();
    }
}
