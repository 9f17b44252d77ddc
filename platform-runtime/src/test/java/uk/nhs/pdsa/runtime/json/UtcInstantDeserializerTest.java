package uk.nhs.pdsa.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The fast reading of UTC instants must change nothing but its speed: every text is read to the same instant, or
 * refused, as by Jackson's own deserializer under the same strict settings.
 */
class UtcInstantDeserializerTest {
    record Stamped(Instant at) {
    }

    record Formatted(@JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC") Instant at) {
    }

    private final ObjectMapper strict = StrictJson.apply(new ObjectMapper().registerModule(new JavaTimeModule()));
    /** The same strict settings with Jackson's own instant deserializer (the module registered after the checks). */
    private final ObjectMapper standard = StrictJson.apply(new ObjectMapper()).registerModule(new JavaTimeModule());

    @Test
    void shouldReadTheFormTheServicesWriteWithoutAFormatter() {
        assertThat(UtcInstantDeserializer.parse("2026-12-04T04:10:07.317Z".toCharArray(), 0, 24))
                .isEqualTo(Instant.parse("2026-12-04T04:10:07.317Z"));
        assertThat(UtcInstantDeserializer.parse("x2024-02-29T23:59:59.123456789Zx".toCharArray(), 1, 30))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.123456789Z"));
        // Anything else is left to the standard deserializer.
        for (String other : List.of("2026-12-04T04:10:07+01:00", "2026-12-04T24:00:00Z", "2026-12-04T23:59:60Z",
                "2023-02-29T00:00:00Z", "2026-12-04t04:10:07Z", "2026-12-04T04:10:07.Z", "2026-12-04T04:10Z",
                " 2026-12-04T04:10:07Z", "+12026-12-04T04:10:07Z", "2026-13-04T04:10:07Z", "2026-12-04T04:10:07.1234567890Z")) {
            assertThat(UtcInstantDeserializer.parse(other.toCharArray(), 0, other.length())).as(other).isNull();
        }
    }

    @Test
    void shouldReadEveryTextAsJacksonsOwnDoes() throws Exception {
        List<String> texts = new ArrayList<>(List.of("1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "1900-02-28T12:00:00.5Z", "2000-02-29T00:00:00.000Z",
                "2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-12-04T04:10:07+01:00", "2026-12-04T24:00:00Z",
                "2026-12-04T23:59:60Z", "2026-12-04T04:10:07.Z", "2026-12-04T04:10Z", " 2026-12-04T04:10:07Z",
                "2026-12-04T04:10:07Z ", "2026-12-04t04:10:07z", "2026-12-04T04:10:07.1234567890Z", "", "1700000000",
                "1700000000.5", "2026-1a-04T04:10:07Z", "2026-12-04T04:60:07Z", "2026-00-10T04:10:07Z"));
        SplittableRandom random = new SplittableRandom(20261204);
        for (int i = 0; i < 5_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = at.toString();
            texts.add(text);
            // The same wall time with its fraction cut to 1-9 digits, and a day pushed past its month's end.
            LocalDateTime local = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
            String base = text.substring(0, text.indexOf('T') + 9);
            texts.add(base + "." + String.format("%09d", local.getNano()).substring(0, 1 + random.nextInt(9)) + "Z");
            texts.add(base.substring(0, 8) + (28 + random.nextInt(4)) + base.substring(10) + "Z");
        }
        int fast = 0;
        for (String text : texts) {
            String body = "{\"at\": \"" + text + "\"}";
            assertThat(read(strict, body)).as(text).isEqualTo(read(standard, body));
            fast += UtcInstantDeserializer.parse(text.toCharArray(), 0, text.length()) != null ? 1 : 0;
        }
        assertThat(fast).as("texts read by the fast path").isGreaterThan(10_000);
        for (String body : List.of("{\"at\": 1700000000}", "{\"at\": 1700000000.25}", "{\"at\": null}", "{\"at\": true}",
                "{\"at\": [2026, 12, 4]}", "{}")) {
            assertThat(read(strict, body)).as(body).isEqualTo(read(standard, body));
        }
    }

    @Test
    void shouldLeaveAPropertysOwnFormatToJackson() throws Exception {
        assertThat(strict.readValue("{\"at\": \"2026-12-04 04:10\"}", Formatted.class).at())
                .isEqualTo(Instant.parse("2026-12-04T04:10:00Z"));
        assertThat(read(strict, "{\"at\": \"2026-12-04T04:10:00Z\"}", Formatted.class))
                .isEqualTo(read(standard, "{\"at\": \"2026-12-04T04:10:00Z\"}", Formatted.class));
    }

    /** The instant read, or the words of the refusal. */
    private static String read(ObjectMapper mapper, String body) {
        return read(mapper, body, Stamped.class);
    }

    private static String read(ObjectMapper mapper, String body, Class<? extends Record> type) {
        try {
            Record read = mapper.readValue(body, type);
            return Objects.toString(read);
        } catch (Exception e) {
            return "refused: " + e.getClass().getSimpleName() + " " + e.getMessage().lines().findFirst().orElse("")
                    .replaceAll("`[^`]*UtcInstantDeserializer[^`]*`", "");
        }
    }
}
