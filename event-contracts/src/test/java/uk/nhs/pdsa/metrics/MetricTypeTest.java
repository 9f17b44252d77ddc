package uk.nhs.pdsa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nhs.pdsa.events.EventSchemas;
import uk.nhs.pdsa.events.EventType;

class MetricTypeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // NHS England, Making Data Count, "Statistical process control: choosing the right chart" (the chart finder).
    @ParameterizedTest
    @CsvSource({
        "proportion, p,   p pp xmr run",
        "rate,       u,   u up c xmr run",
        "value,      xmr, xmr run",
        "standardised-ratio, u, u up xmr run",
    })
    void shouldOfferTheChartsMakingDataCountSuggestsForEachType(String code, String defaultChart, String charts) {
        MetricType type = MetricType.fromCode(code);
        assertThat(type.defaultChart().code()).isEqualTo(defaultChart);
        assertThat(type.charts().stream().map(ChartType::code)).containsExactly(charts.split(" "));
        assertThat(type.suits(type.defaultChart())).isTrue();
    }

    @Test
    void shouldCompareOnlyCountedMetricsOnFunnels() {
        assertThat(Arrays.stream(MetricType.values()).filter(MetricType::funnelled))
                .containsExactly(MetricType.PROPORTION, MetricType.RATE, MetricType.STANDARDISED_RATIO);
        assertThat(MetricType.VALUE.counted()).isFalse();
        assertThat(Arrays.stream(MetricType.values()).filter(MetricType::standardised))
                .containsExactly(MetricType.STANDARDISED_RATIO);
    }

    @Test
    void shouldReadAnUnknownCodeAsNullFromJsonAndRefuseItOtherwise() throws Exception {
        assertThat(JSON.readValue("\"rate\"", MetricType.class)).isEqualTo(MetricType.RATE);
        assertThat(JSON.readValue("\"ratio\"", MetricType.class)).isNull();
        assertThat(JSON.writeValueAsString(MetricType.PROPORTION)).isEqualTo("\"proportion\"");
        assertThat(MetricType.of("ratio")).isEmpty();
        assertThatThrownBy(() -> MetricType.fromCode("ratio")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTheEventSchemasEnumsInStepWithTheTypes() throws Exception {
        List<String> codes = Arrays.stream(MetricType.values()).map(MetricType::code).toList();
        JsonNode recorded = JSON.readTree(EventSchemas.schemaText(EventType.AUDIT_RESULT_RECORDED));
        assertThat(texts(recorded.at("/properties/metricType/enum"))).containsExactlyElementsOf(codes);
        JsonNode defined = JSON.readTree(EventSchemas.schemaText(EventType.AUDIT_DEFINED));
        assertThat(texts(defined.at("/definitions/metric/properties/type/enum"))).containsExactlyElementsOf(codes);
        List<String> charts = new ArrayList<>(Arrays.stream(ChartType.values()).map(ChartType::code).toList());
        assertThat(texts(defined.at("/definitions/spc/properties/chart/enum"))).containsExactlyElementsOf(charts);
    }

    @Test
    void shouldKeepTheOrganisationCodePatternOfTheCatalogueSchema() throws Exception {
        JsonNode organisation = JSON.readTree(EventSchemas.schemaText(EventType.ORGANISATION_DEFINED));
        assertThat(organisation.at("/properties/code/pattern").asText()).isEqualTo(OrganisationCode.PATTERN.pattern());
        assertThat(OrganisationCode.isValid("RXH")).isTrue();
        assertThat(OrganisationCode.isValid("R1")).isFalse();
        assertThat(OrganisationCode.isValid("rxh")).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> {
            if (!n.isNull()) {
                texts.add(n.asText());
            }
        });
        return texts;
    }
}
