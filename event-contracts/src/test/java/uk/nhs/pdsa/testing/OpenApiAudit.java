package uk.nhs.pdsa.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks that a service's OpenAPI document is complete enough to integrate from: every operation has a
 * summary, a success answer, the 500 problem, a 404 problem when its path names a resource, and every request
 * body an example for each content type; every schema has an example. Services' tests assert no gaps.
 */
public final class OpenApiAudit {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private final Map<String, Object> document;
    private final String text;

    /** @param json the document from {@code /q/openapi?format=json} */
    @SuppressWarnings("unchecked")
    public OpenApiAudit(String json) {
        this.text = json;
        try {
            this.document = new ObjectMapper().readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The OpenAPI document is not JSON", e);
        }
    }

    /** How many operations the document describes. */
    /**
     * What a client generator needs beyond validity (the Redocly recommended rules it would fail): a {@code servers}
     * entry, and an {@code operationId} on every operation, each unique.
     */
    @SuppressWarnings("unchecked")
    public List<String> generatorGaps() {
        List<String> gaps = new java.util.ArrayList<>();
        Object servers = document.get("servers");
        if (!(servers instanceof List<?> list) || list.isEmpty()) {
            gaps.add("no servers");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Object id = ((Map<String, Object>) op).get("operationId");
            if (id == null) {
                gaps.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path + ": no operationId");
            } else if (!ids.add(id.toString())) {
                gaps.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path + ": operationId " + id + " is used twice");
            }
        }));
        return gaps;
    }

    /**
     * What {@code openapi-spec-validator} (the Python reference validator, installed on the machine image) finds
     * wrong with the document: empty when it is valid, else the validator's own lines.
     */
    public List<String> specValidatorProblems() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("openapi", ".json");
            java.nio.file.Files.writeString(file, text);
            Process validator = new ProcessBuilder("openapi-spec-validator", file.toString()).redirectErrorStream(true)
                    .start();
            String output = new String(validator.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!validator.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                validator.destroyForcibly();
                return List.of("openapi-spec-validator did not finish in 120 s");
            }
            java.nio.file.Files.deleteIfExists(file);
            return validator.exitValue() == 0 ? List.of() : output.lines().filter(l -> !l.isBlank()).toList();
        } catch (java.io.IOException e) {
            return List.of("openapi-spec-validator could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
    }

    /**
     * What Redocly CLI's {@code lint} (pinned in {@code docs/tooling}, installed by {@code ./platform test}) reports
     * with the project's configuration ({@code docs/tooling/redocly.yaml}: the recommended rules): one line per error or
     * warning, empty when it has none.
     */
    public List<String> redoclyProblems() {
        java.nio.file.Path tooling = tooling();
        java.nio.file.Path redocly = tooling.resolve("node_modules/.bin/redocly");
        if (!java.nio.file.Files.isExecutable(redocly)) {
            return List.of("Redocly CLI is not installed: run npm ci --prefix docs/tooling (./platform test does)");
        }
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("openapi", ".json");
            java.nio.file.Files.writeString(file, text);
            ProcessBuilder lint = new ProcessBuilder(redocly.toString(), "lint", "--config", "redocly.yaml", "--format=stylish",
                    file.toString()).directory(tooling.toFile()).redirectErrorStream(true);
            lint.environment().put("REDOCLY_TELEMETRY", "off");
            lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process = lint.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of("redocly lint did not finish in 120 s");
            }
            java.nio.file.Files.deleteIfExists(file);
            List<String> problems = output.lines().map(String::strip)
                    .filter(l -> l.matches("\\d+:\\d+\\s+(error|warning)\\s+.*")).toList();
            if (problems.isEmpty() && process.exitValue() != 0) {
                return output.lines().filter(l -> !l.isBlank()).toList();
            }
            return problems;
        } catch (java.io.IOException e) {
            return List.of("redocly could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
    }

    /** {@code docs/tooling} of the repository, found from the module a test runs in. */
    private static java.nio.file.Path tooling() {
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        while (dir != null && !java.nio.file.Files.isDirectory(dir.resolve("docs/tooling"))) {
            dir = dir.getParent();
        }
        return dir == null ? java.nio.file.Path.of("docs/tooling") : dir.resolve("docs/tooling");
    }

    public int operations() {
        int count = 0;
        for (Map<String, Object> path : paths().values()) {
            count += (int) path.keySet().stream().filter(METHODS::contains).count();
        }
        return count;
    }

    /**
     * Everything missing, one line per gap ("POST /api/v1/x: no summary").
     *
     * @param never404 paths whose parameters name no stored resource (they answer an empty view, never 404)
     */
    @SuppressWarnings("unchecked")
    public List<String> operationGaps(String... never404) {
        List<String> gaps = new ArrayList<>();
        for (var path : paths().entrySet()) {
            for (var method : path.getValue().entrySet()) {
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                String at = method.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = (Map<String, Object>) method.getValue();
                if (!(operation.get("summary") instanceof String summary) || summary.isBlank()) {
                    gaps.add(at + ": no summary");
                }
                Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                    gaps.add(at + ": no success answer");
                }
                if (!responses.containsKey("500")) {
                    gaps.add(at + ": no 500 problem");
                }
                if (path.getKey().contains("{") && !List.of(never404).contains(path.getKey()) && !responses.containsKey("404")) {
                    gaps.add(at + ": no 404 problem");
                }
                Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
                if (body != null) {
                    ((Map<String, Map<String, Object>>) body.get("content")).forEach((mediaType, media) -> {
                        if (media.get("example") == null && media.get("examples") == null && !hasSchemaExample(media)) {
                            gaps.add(at + ": no example for " + mediaType);
                        }
                    });
                }
            }
        }
        return gaps;
    }

    /** Schemas without an example, by name. */
    @SuppressWarnings("unchecked")
    public List<String> schemasWithoutExample() {
        Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>) ((Map<String, Object>) document
                .get("components")).get("schemas");
        return schemas.entrySet().stream()
                .filter(e -> e.getValue().get("example") == null && e.getValue().get("examples") == null)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** The content types a request body of {@code method path} accepts. */
    @SuppressWarnings("unchecked")
    public List<String> requestContentTypes(String method, String path) {
        Map<String, Object> operation = (Map<String, Object>) paths().get(path).get(method);
        return List.copyOf(((Map<String, Object>) ((Map<String, Object>) operation.get("requestBody")).get("content")).keySet());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> paths() {
        return (Map<String, Map<String, Object>>) document.get("paths");
    }

    @SuppressWarnings("unchecked")
    private boolean hasSchemaExample(Map<String, Object> media) {
        Map<String, Object> schema = (Map<String, Object>) media.get("schema");
        if (schema == null || !(schema.get("$ref") instanceof String ref)) {
            return false;
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>) components.get("schemas");
        return schemas.containsKey(name) && (schemas.get(name).get("example") != null || schemas.get(name).get("examples") != null);
    }
}
