package uk.nhs.pdsa.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.core.UriBuilder;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** CSV as RFC 4180 writes it, and the RFC 8288 links of a page. */
class CsvWriterTest {
    record Limits(double low, double high) {
    }

    record Row(String name, Long count, Instant at, List<String> signals, Limits limits, List<Limits> history) {
    }

    private final CsvWriter writer = writer();

    private static CsvWriter writer() {
        CsvWriter writer = new CsvWriter();
        writer.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return writer;
    }

    @Test
    void shouldWriteAHeaderRowFromTheTypeAndOneLinePerRowEndedByCrLf() {
        // An empty list is an empty cell; a list of objects is its JSON.
        String csv = writer.csv(List.of(new Row("Trauma ward", 4L, Instant.parse("2026-01-02T09:15:00Z"),
                List.of("shift", "trend"), new Limits(0.5, 0.9), List.of())), Row.class);
        assertThat(csv).isEqualTo("name,count,at,signals,limits.low,limits.high,history\r\n"
                + "Trauma ward,4,2026-01-02T09:15:00Z,shift; trend,0.5,0.9,\r\n");
    }

    @Test
    void shouldWriteAListOfObjectsAsJson() {
        String csv = writer.csv(List.of(new Row("w", null, null, null, null, List.of(new Limits(1, 2)))), Row.class);
        assertThat(csv).endsWith("\r\nw,,,,,,\"[{\"\"low\"\":1.0,\"\"high\"\":2.0}]\"\r\n");
    }

    @Test
    void shouldQuoteCommasQuotesAndLineBreaksAndLeaveNullsEmpty() {
        String csv = writer.csv(List.of(new Row("Ward 3, \"East\"\nwing", null, null, null, null, null)), Row.class);
        assertThat(csv).endsWith("\r\n\"Ward 3, \"\"East\"\"\nwing\",,,,,,\r\n");
    }

    @Test
    void shouldKeepTheHeaderRowForAnEmptyList() {
        assertThat(writer.csv(List.of(), Row.class)).isEqualTo("name,count,at,signals,limits.low,limits.high,history\r\n");
    }

    /** OWASP CSV injection: text a spreadsheet would run as a formula starts with an apostrophe; numbers do not. */
    @Test
    void shouldDisarmFormulasButNotNumbers() {
        assertThat(CsvWriter.guarded("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvWriter.guarded("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.guarded("+44 20")).isEqualTo("'+44 20");
        assertThat(CsvWriter.guarded("-1.5")).isEqualTo("-1.5");
        assertThat(CsvWriter.guarded("Ward = 3")).isEqualTo("Ward = 3");
        String csv = writer.csv(List.of(new Row("=1+1", null, null, List.of("-x"), null, null)), Row.class);
        assertThat(csv).contains("\r\n'=1+1,,,'-x,,,\r\n");
    }

    @Test
    void shouldLinkFirstPrevNextAndLastPages() {
        UriBuilder request = UriBuilder.fromUri("http://localhost:8081/api/v1/audit-results?audit=nhfd&page=1&size=10");
        assertThat(PageLinks.links(request, new PageView<>(1, 10, 35, List.of()))).containsExactly(
                "</api/v1/audit-results?audit=nhfd&size=10&page=0>; rel=\"first\"",
                "</api/v1/audit-results?audit=nhfd&size=10&page=0>; rel=\"prev\"",
                "</api/v1/audit-results?audit=nhfd&size=10&page=2>; rel=\"next\"",
                "</api/v1/audit-results?audit=nhfd&size=10&page=3>; rel=\"last\"");
        assertThat(PageLinks.links(UriBuilder.fromUri("http://h/api/v1/findings"), new PageView<>(0, 100, 0, List.of())))
                .containsExactly("</api/v1/findings?page=0>; rel=\"first\"", "</api/v1/findings?page=0>; rel=\"last\"");
        // Past the end: the way back is the last page.
        assertThat(PageLinks.links(UriBuilder.fromUri("http://h/x?page=9"), new PageView<>(9, 10, 15, List.of())))
                .containsExactly("</x?page=0>; rel=\"first\"", "</x?page=1>; rel=\"prev\"", "</x?page=1>; rel=\"last\"");
    }

    @Test
    void shouldSliceAPageHeldInMemoryWithoutOverflow() {
        assertThat(PageView.of(List.of(1, 2, 3, 4, 5), 1, 2).items()).containsExactly(3, 4);
        assertThat(PageView.of(List.of(1, 2, 3), Integer.MAX_VALUE, 500).items()).isEmpty();
        assertThat(PageView.of(List.of(1, 2, 3), Integer.MAX_VALUE, 500).total()).isEqualTo(3);
    }
}
