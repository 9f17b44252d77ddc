package uk.nhs.pdsa.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.runtime.problem.Problem.FieldError;
import uk.nhs.pdsa.runtime.problem.ProblemException;

class CsvSubmissionReaderTest {

    @Test
    void shouldReadRowsInAnyColumnOrderWithEmptyCellsAsAbsent() {
        List<SubmissionReader.Read> reads = CsvSubmissionReader.read("""
                period,organisation,audit,metric,microsystem,numerator,denominator,value
                2025-03,RXH,nhfd,surgery-within-36h,trauma-ward-2,41,52,
                2025-Q1,RXH,nhfd,length-of-stay,,,,19.5
                """);
        assertThat(reads).extracting(SubmissionReader.Read::submission).containsExactly(
                new ResultSubmission("nhfd", "surgery-within-36h", "RXH", "trauma-ward-2", "2025-03", 41L, 52L, null),
                new ResultSubmission("nhfd", "length-of-stay", "RXH", null, "2025-Q1", null, null, new BigDecimal("19.5")));
        assertThat(reads).extracting(SubmissionReader.Read::pointer).containsExactly("/0", "/1");
    }

    @Test
    void shouldReadAnExpectedColumnForStandardisedRatios() {
        List<SubmissionReader.Read> reads = CsvSubmissionReader.read("""
                audit,metric,organisation,microsystem,period,numerator,denominator,expected
                nhfd,mortality-30-day,RJ1,trauma-ward-1,2025-03,7,52,3.7125
                nhfd,mortality-30-day,RJ1,trauma-ward-2,2025-03,4,48,about four
                """);
        assertThat(reads.get(0).submission()).isEqualTo(new ResultSubmission("nhfd", "mortality-30-day", "RJ1",
                "trauma-ward-1", "2025-03", 7L, 52L, null, new BigDecimal("3.7125")));
        assertThat(reads.get(1).errors()).extracting(FieldError::pointer, FieldError::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/1/expected", "expected must be a number, not 'about four' (line 3)"));
    }

    @Test
    void shouldAcceptQuotedFieldsAndWindowsLineEnds() {
        List<SubmissionReader.Read> reads = CsvSubmissionReader.read(
                "audit,metric,organisation,period,numerator,denominator\r\n\"nhfd\",\"surgery-within-36h\",RXH,2025-03,1,2\r\n");
        assertThat(reads.get(0).errors()).isEmpty();
        assertThat(reads.get(0).submission().organisation()).isEqualTo("RXH");
    }

    @Test
    void shouldReportBadCellsWithPointerAndLineNumber() {
        List<SubmissionReader.Read> reads = CsvSubmissionReader.read("""
                audit,metric,organisation,period,numerator,denominator
                nhfd,surgery-within-36h,RXH,2025-03,41,52
                nhfd,surgery-within-36h,RXH,2025-04,forty,52
                nhfd,surgery-within-36h,,2025-05,41,52
                """);
        assertThat(reads.get(0).errors()).isEmpty();
        assertThat(reads.get(1).errors()).containsExactly(
                new FieldError("/1/numerator", "numerator must be a whole number, not 'forty' (line 3)"));
        assertThat(reads.get(2).errors()).containsExactly(
                new FieldError("/2/organisation", "organisation is required (line 4)"));
    }

    @Test
    void shouldRejectARowWithTheWrongNumberOfFields() {
        List<SubmissionReader.Read> reads = CsvSubmissionReader.read("""
                audit,metric,organisation,period,numerator,denominator
                nhfd,surgery-within-36h,RXH,2025-03,41
                """);
        assertThat(reads.get(0).errors()).extracting(FieldError::detail)
                .containsExactly("line 2 has 5 fields; the header has 6");
    }

    @Test
    void shouldRejectUnknownAndMissingColumnsBeforeAnyRow() {
        assertThatThrownBy(() -> CsvSubmissionReader.read("audit,metric,org,period\nnhfd,x,RXH,2025-03\n"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.toProblem("/").errors())
                        .extracting(FieldError::pointer).containsExactlyInAnyOrder("/header/org", "/header/organisation"));
    }

    @Test
    void shouldRejectUnbalancedQuotesAsMalformed() {
        assertThatThrownBy(() -> CsvSubmissionReader.read("audit,metric,organisation,period\n\"nhfd,x,RXH,2025-03\n"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem("/").type()).endsWith("/malformed-body");
                });
    }

    @Test
    void shouldRejectAHeaderWithoutRows() {
        assertThatThrownBy(() -> CsvSubmissionReader.read("audit,metric,organisation,period\n"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("no result rows");
    }
}
