package uk.nhs.pdsa.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * A service's bad-input corpus: requests kept as files ({@code src/test/resources/bad-input/*.json}) that the API
 * must refuse with a 4xx problem+json, in the caller's words, changing nothing. A file holds {@code defaults}
 * (org, roles, contentType) and {@code cases}; a case names its {@code method}, {@code path}, a {@code body} (JSON,
 * sent as written) or a {@code raw} body (text sent byte for byte, for broken JSON and CSV), and what the answer
 * must be: {@code status}, and where given the problem {@code type} (the last part), a field {@code pointer} and
 * words the {@code detail} holds. {@code ${name}} in a path, raw body or string value is replaced by the test's
 * variables (an organisation, an existing id).
 */
public final class BadInputCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What an answer must never show: class and package names, libraries' words, SQL. */
    public static final Pattern INTERNAL = Pattern.compile(
            "(java\\.|javax\\.|jakarta\\.|com\\.fasterxml|org\\.[a-z]+\\.|io\\.(quarkus|vertx|smallrye|netty)|Exception|"
                    + "Source: |StreamReadFeature|\\bSQL|SQLSTATE|PSQLException|Hibernate|Jackson|Commons CSV|"
                    + "\\bat \\[|\\bline: \\d|NullPointer|\\bnull\\b pointer|insert into|select .* from)",
            Pattern.CASE_INSENSITIVE);

    /** Inputs too big to keep readable in a file: very deep nesting, a 5,000-character address segment. */
    public static final Map<String, String> BUILT_IN = Map.of(
            "DEEP_ARRAY", "[".repeat(5000) + "]".repeat(5000),
            "DEEP_OBJECT", "{\"a\":".repeat(200) + "1" + "}".repeat(200),
            "LONG_SEGMENT", "a".repeat(5000),
            "LONG_TEXT", "x".repeat(100_000));

    private BadInputCorpus() {
    }

    /** One bad request and the answer it must get. */
    public record Case(String file, String name, String method, String path, String org, List<String> roles,
            String contentType, byte[] body, int status, String type, String pointer, String detail,
            Map<String, String> headers, Map<String, Object> token) {
        @Override
        public String toString() {
            return file + ": " + name;
        }
    }

    /** The cases of the listed corpus files (class-path resources), with {@code variables} filled in. */
    public static List<Case> load(Map<String, String> given, String... resources) {
        Map<String, String> variables = new LinkedHashMap<>(given);
        BUILT_IN.forEach(variables::putIfAbsent);
        List<Case> cases = new ArrayList<>();
        for (String resource : resources) {
            JsonNode file = read(resource);
            JsonNode defaults = file.path("defaults");
            String shortName = resource.substring(resource.lastIndexOf('/') + 1);
            for (JsonNode c : file.path("cases")) {
                JsonNode as = c.has("org") || c.has("roles") ? c : defaults;
                String org = fill(as.path("org").asText(defaults.path("org").asText("${ORG}")), variables);
                List<String> roles = new ArrayList<>();
                (as.has("roles") ? as.path("roles") : defaults.path("roles")).forEach(r -> roles.add(r.asText()));
                String contentType = c.has("contentType") ? (c.get("contentType").isNull() ? null : c.get("contentType").asText())
                        : defaults.path("contentType").asText("application/json");
                byte[] body = null;
                if (c.has("raw")) {
                    body = fill(c.get("raw").asText(), variables).getBytes(StandardCharsets.UTF_8);
                } else if (c.has("rawBase64")) {
                    body = java.util.Base64.getDecoder().decode(c.get("rawBase64").asText());
                } else if (c.has("body")) {
                    body = fill(write(c.get("body")), variables).getBytes(StandardCharsets.UTF_8);
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> h = c.path("headers").fields(); h.hasNext();) {
                    Map.Entry<String, JsonNode> header = h.next();
                    headers.put(header.getKey(), fill(header.getValue().asText(), variables));
                }
                Map<String, Object> token = c.has("token") ? JSON.convertValue(c.get("token"),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }) : null;
                cases.add(new Case(shortName, c.path("name").asText(), c.path("method").asText("GET"),
                        fill(c.path("path").asText(defaults.path("path").asText()), variables), org, roles, contentType,
                        body, c.path("status").asInt(400), text(c, "type"), text(c, "pointer"),
                        c.has("detail") ? fill(c.get("detail").asText(), variables) : null, headers, token));
            }
        }
        return cases;
    }

    /**
     * Sends {@code c} and checks the answer: its status, problem+json with type, title and status, nothing internal,
     * the pointer and detail the case names.
     */
    public static RawHttp.Answer check(Case c) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + (c.token() != null ? TestTokens.withClaims(c.org(), c.roles(), c.token())
                : c.roles().isEmpty() ? "none" : TestTokens.token(c.org(), c.roles().toArray(String[]::new))));
        headers.put("Accept", "*/*");
        if (c.body() != null && c.contentType() != null) {
            headers.put("Content-Type", c.contentType());
        }
        headers.putAll(c.headers());
        RawHttp.Answer response = RawHttp.send(c.method(), c.path(), headers, c.body());
        String text = response.text();
        assertThat(response.status()).as("%s: status; answer %s", c, text).isEqualTo(c.status());
        assertThat(response.contentType()).as("%s: content type", c).startsWith("application/problem+json");
        JsonNode problem;
        try {
            problem = JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(c + ": the answer is not JSON: " + text, e);
        }
        assertThat(problem.path("type").asText()).as("%s: problem type", c).startsWith("https://pdsa.nhs.uk/problems/");
        assertThat(problem.path("title").asText()).as("%s: title", c).isNotBlank();
        assertThat(problem.path("status").asInt()).as("%s: status in the body", c).isEqualTo(c.status());
        assertThat(INTERNAL.matcher(text).find()).as("%s: internal text in %s", c, text).isFalse();
        if (c.type() != null) {
            assertThat(problem.path("type").asText()).as("%s: type", c).isEqualTo("https://pdsa.nhs.uk/problems/" + c.type());
        }
        List<String> details = new ArrayList<>(List.of(problem.path("detail").asText()));
        List<String> pointers = new ArrayList<>();
        problem.path("errors").forEach(e -> {
            pointers.add(e.path("pointer").asText());
            if (c.pointer() == null || c.pointer().equals(e.path("pointer").asText())) {
                details.add(e.path("detail").asText());
            }
        });
        if (c.pointer() != null) {
            assertThat(pointers).as("%s: pointers in %s", c, text).contains(c.pointer());
        }
        if (c.detail() != null) {
            assertThat(details).as("%s: detail in %s", c, text).anyMatch(d -> d.contains(c.detail()));
        }
        return response;
    }

    static String fill(String text, Map<String, String> variables) {
        String filled = text;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            filled = filled.replace("${" + v.getKey() + "}", v.getValue());
        }
        return filled;
    }

    private static String text(JsonNode c, String field) {
        return c.hasNonNull(field) ? c.get(field).asText() : null;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = BadInputCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + resource + " on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("corpus file " + resource + " is not JSON", e);
        }
    }
}
