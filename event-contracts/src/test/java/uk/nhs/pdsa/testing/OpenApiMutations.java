package uk.nhs.pdsa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * The generated half of the bad-input corpus: every write operation of a service's OpenAPI document that takes
 * JSON, its documented example body mutated field by field (null, missing, a control character, an object, an
 * array, the wrong scalar type, a fraction for a count, an impossible date, a number beyond any range) and as a
 * whole (a bare string or number, a key given twice, a second value, very deep nesting). Whatever a mutant is, the
 * answer is never a 5xx, and an error is problem+json in the caller's words.
 */
public final class OpenApiMutations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiMutations() {
    }

    /** One mutated request. */
    public record Mutant(String method, String template, String path, String name, String body) {
        @Override
        public String toString() {
            return method + " " + template + " " + name;
        }
    }

    /** The mutants of every documented JSON write of the running service ({@code /q/openapi}). */
    public static List<Mutant> of(Map<String, String> pathValues) {
        JsonNode document;
        try {
            document = JSON.readTree(RawHttp.send("GET", "/q/openapi?format=json", Map.of("Accept", "application/json"),
                    null).body());
        } catch (IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
        List<Mutant> mutants = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("post", "put", "patch")) {
                JsonNode operation = path.getValue().path(method);
                JsonNode content = operation.path("requestBody").path("content").path("application/json");
                if (content.isMissingNode()) {
                    continue;
                }
                JsonNode example = example(document, content);
                if (example == null) {
                    throw new AssertionError(method.toUpperCase() + " " + path.getKey()
                            + " documents no example body: the generated corpus mutates the documented examples");
                }
                String concrete = concrete(path.getKey(), pathValues);
                for (Map.Entry<String, String> body : mutations(example).entrySet()) {
                    mutants.add(new Mutant(method.toUpperCase(), path.getKey(), concrete, body.getKey(), body.getValue()));
                }
            }
        }
        return mutants;
    }

    /** Sends a mutant as {@code organisation} with {@code roles}; never 5xx, every error problem+json, nothing internal. */
    public static RawHttp.Answer check(Mutant m, String organisation, String... roles) {
        RawHttp.Answer response = RawHttp.send(m.method(), m.path(), Map.of("Authorization", "Bearer "
                + TestTokens.token(organisation, roles), "Content-Type", "application/json", "Accept", "application/json"),
                m.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String text = response.text();
        assertThat(response.status()).as("%s: status; answer %s", m, text).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.contentType()).as("%s: content type of %s", m, text).startsWith("application/problem+json");
            assertThat(BadInputCorpus.INTERNAL.matcher(text).find()).as("%s: internal text in %s", m, text).isFalse();
        }
        return response;
    }

    static JsonNode example(JsonNode document, JsonNode content) {
        for (JsonNode named : content.path("examples")) {
            JsonNode value = parsed(named.path("value"));
            if (value != null) {
                return value;
            }
        }
        JsonNode direct = parsed(content.path("example"));
        if (direct != null) {
            return direct;
        }
        JsonNode schema = content.path("schema");
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            schema = document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return parsed(schema.path("example"));
    }

    private static JsonNode parsed(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return JSON.readTree(value.asText());
            } catch (IOException e) {
                return value;
            }
        }
        return value;
    }

    static String concrete(String template, Map<String, String> values) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)\\}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = values.getOrDefault(name, name.toLowerCase().endsWith("id") ? UUID.randomUUID().toString() : "ZZ9");
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** Mutation name to body. */
    static Map<String, String> mutations(JsonNode example) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        List<List<Object>> paths = new ArrayList<>();
        walk(example, new ArrayList<>(), paths);
        JsonNodeFactory f = JsonNodeFactory.instance;
        for (List<Object> path : paths) {
            JsonNode original = at(example, path);
            String where = "/" + String.join("/", path.stream().map(String::valueOf).toList());
            put(out, example, path, where + " null", f.nullNode());
            put(out, example, path, where + " missing", null);
            put(out, example, path, where + " NUL character", f.textNode("a\u0000b"));
            put(out, example, path, where + " object", f.objectNode().put("x", 1));
            put(out, example, path, where + " array", f.arrayNode().add(1));
            if (original.isTextual()) {
                put(out, example, path, where + " number", f.numberNode(42));
                put(out, example, path, where + " boolean", f.booleanNode(true));
                put(out, example, path, where + " impossible date", f.textNode("2026-02-30"));
                put(out, example, path, where + " year 99999", f.textNode("+99999-01-01"));
                put(out, example, path, where + " 100,000 characters", f.textNode("x".repeat(100_000)));
            } else if (original.isNumber()) {
                put(out, example, path, where + " number as text", f.textNode(original.asText()));
                put(out, example, path, where + " fraction", f.numberNode(1.5));
                put(out, example, path, where + " 9e18", f.numberNode(9e18));
                put(out, example, path, where + " 4.5e18 whole", f.numberNode(new java.math.BigInteger("4500000000000000000")));
                put(out, example, path, where + " 1e308", f.numberNode(1e308));
                put(out, example, path, where + " negative", f.numberNode(-1));
                String body = write(replace(example, path, f.textNode("@@")));
                out.put(where + " 1e400", body.replace("\"@@\"", "1e400"));
            }
        }
        String whole = write(example);
        out.put("a bare string", "\"hello\"");
        out.put("a bare number", "42");
        out.put("null", "null");
        out.put("an empty object", "{}");
        out.put("very deep arrays", "[".repeat(5000) + "]".repeat(5000));
        out.put("a 200-deep object", "{\"a\":".repeat(200) + "1" + "}".repeat(200));
        out.put("a second value after the body", whole + " {}");
        out.put("a byte-order mark", "\uFEFF" + whole);
        if (example.isObject() && example.size() > 0) {
            String first = example.fieldNames().next();
            out.put("a key given twice", whole.substring(0, whole.length() - 1) + ",\"" + first + "\":"
                    + write(example.get(first)) + "}");
            out.put("an array of the body", "[" + whole + "]");
        }
        return out;
    }

    private static void walk(JsonNode node, List<Object> at, List<List<Object>> paths) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                List<Object> next = new ArrayList<>(at);
                next.add(name);
                paths.add(next);
                walk(node.get(name), next, paths);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < Math.min(node.size(), 2); i++) {
                List<Object> next = new ArrayList<>(at);
                next.add(i);
                paths.add(next);
                walk(node.get(i), next, paths);
            }
        }
    }

    private static JsonNode at(JsonNode node, List<Object> path) {
        JsonNode current = node;
        for (Object step : path) {
            current = step instanceof Integer i ? current.get(i) : current.get((String) step);
        }
        return current;
    }

    private static void put(Map<String, String> out, JsonNode example, List<Object> path, String name, JsonNode value) {
        out.put(name, write(replace(example, path, value)));
    }

    /** A copy of {@code example} with the node at {@code path} replaced by {@code value} (null: removed). */
    private static JsonNode replace(JsonNode example, List<Object> path, JsonNode value) {
        JsonNode copy = example.deepCopy();
        JsonNode parent = at(copy, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove((String) last);
            } else {
                object.set((String) last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            if (value == null) {
                array.remove((Integer) last);
            } else {
                array.set((Integer) last, value);
            }
        }
        return copy;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
