package uk.nhs.pdsa.findings.model;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/spc/compute}: any series, charted without storing it. */
@Schema(name = "SpcRequest", description = "A series to chart: counted charts (p, pp, u, up, c) take numerator and"
        + " denominator per point, xmr and run take value", example = """
        {"chart": "p", "direction": "higher-is-better", "target": 0.85,
         "points": [{"label": "2025-01", "numerator": 41, "denominator": 52}, {"label": "2025-02", "numerator": 44, "denominator": 50}],
         "options": {"shiftLength": 6, "trendLength": 6, "exclude": ["2025-02"]}}""")
public record SpcRequest(String chart, String direction, BigDecimal target, List<Point> points, Options options) {

    @Schema(name = "SpcRequestPoint", example = """
            {"label": "2025-01", "numerator": 41, "denominator": 52}""")
    public record Point(String label, BigDecimal value, Long numerator, Long denominator) {
    }

    @Schema(name = "SpcOptions", description = "Every field optional; the defaults are Making Data Count's", example = """
            {"trendLength": 7, "shiftLength": 7, "twoOfThreeCountsBeyondThree": false, "screenMovingRanges": true,
             "baselinePoints": 12, "rebaseAt": ["2025-04"], "exclude": ["2024-12"]}""")
    public record Options(Integer trendLength, Integer shiftLength, Boolean twoOfThreeCountsBeyondThree,
            Boolean screenMovingRanges, Integer baselinePoints, List<String> rebaseAt, List<String> exclude) {
    }
}
