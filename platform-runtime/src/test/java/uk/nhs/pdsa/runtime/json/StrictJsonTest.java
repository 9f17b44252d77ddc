package uk.nhs.pdsa.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** JSON read to the letter, and its refusals in the caller's words (never the parser's). */
class StrictJsonTest {
    record Body(String title, Integer count, Double score, BigDecimal target, LocalDate on, List<String> tags) {
    }

    private final ObjectMapper json = StrictJson.apply(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void shouldReadAWellFormedBody() throws Exception {
        Body body = json.readValue("""
                {"title": "Ward huddle\\n(tab\\there)", "count": 3, "score": 2.5, "target": 0.85, "on": "2026-02-28",
                 "tags": ["a", "b"]}""", Body.class);
        assertThat(body.title()).contains("\n");
        assertThat(body.on()).isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    void shouldRefuseWhatWouldOtherwiseBeBent() {
        refused("{\"count\": 1.5}", "/count must be a whole number");
        refused("{\"count\": \"12\"}", "/count must be a whole number");
        refused("{\"title\": 123}", "/title must be a string");
        refused("{\"title\": {\"a\": 1}}", "/title must be a string");
        refused("{\"title\": \"a\\u0000b\"}", "/title contains the control character U+0000 at position 2");
        refused("{\"tags\": [\"ok\", \"\\u001b[31m\"]}", "/tags/1 contains the control character U+001B");
        refused("{\"score\": 1e400}", "/score is not a finite number");
        refused("{\"target\": 1e400}", "/target is beyond the range");
        refused("{\"on\": \"2026-02-30\"}", "/on must be a date");
        refused("{\"on\": \"+99999-01-01\"}", "/on must be a date between 1900-01-01 and 2999-12-31");
        refused("{\"count\": 1, \"count\": 2}", "the field 'count' is given twice");
        refused("{\"count\": 1} {}", "more than one JSON value");
        refused("\"hello\"", "must be a JSON object");
        refused("[".repeat(100) + "]".repeat(100), "must be a JSON object");
        assertThatThrownBy(() -> json.readTree("[".repeat(100) + "]".repeat(100))).satisfies(e -> assertThat(
                JsonProblems.detail((JsonProcessingException) e)).contains("deeper than 64 levels"));
        refused("{\"count\": 4500000000000000000}", "out of range");
        refused("{\"count\": ", "not valid JSON (line 1");
    }

    private void refused(String text, String words) {
        assertThatThrownBy(() -> json.readValue(text, Body.class)).isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> {
                    String detail = JsonProblems.detail((JsonProcessingException) e);
                    assertThat(detail).as(text).contains(words).doesNotContain("com.fasterxml").doesNotContain("Source:")
                            .doesNotContain("Exception");
                });
    }

    @Test
    void shouldAllowTabsAndLinesButNoOtherControlCharacter() {
        assertThat(PlainText.allowed("line one\r\nline two\tend, naïve, 😀")).isTrue();
        assertThat(PlainText.refusal("a\u007Fb")).contains("U+007F at position 2");
        assertThat(PlainText.refusal("a\u0085b")).contains("U+0085");
        assertThat(PlainText.refusal("a\uD800b")).contains("U+D800"); // an unpaired surrogate
        assertThat(PlainText.refusal(null)).isNull();
    }
}
