package uk.nhs.pdsa.findings.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import uk.nhs.pdsa.sample.SampleData;

/**
 * The sample's hip fracture mortality compared per closed calendar year, as the audit's outlier policy compares it:
 * raw (a binomial funnel of deaths over patients, exact limits) and adjusted for case mix (a funnel of observed over
 * expected deaths, with the analysis's own {@code AUTO} overdispersion, which finds none to allow for). The planted
 * outlier stays an alarm after adjustment; the trust with the oldest patients, beyond the raw limits, is within
 * the adjusted limits. Raw with {@code AUTO}, the additive allowance for spread between trusts absorbs the case mix
 * (and widens the planted outlier's limits too): printed for comparison.
 */
class CaseMixSampleTest {
    private static final List<String> YEARS = List.of("2023", "2024", "2025");

    @Test
    void shouldKeepThePlantedOutlierAndClearTheOlderPopulationAfterAdjustment() {
        for (String year : YEARS) {
            Map<String, FunnelPlot.UnitResult> raw = compared(FunnelPlot.Type.PROPORTION, year, FunnelPlot.Method.NONE);
            Map<String, FunnelPlot.UnitResult> rawAuto = compared(FunnelPlot.Type.PROPORTION, year, FunnelPlot.Method.AUTO);
            Map<String, FunnelPlot.UnitResult> adjusted = compared(FunnelPlot.Type.STANDARDISED_RATIO, year,
                    FunnelPlot.Method.AUTO);
            System.out.printf("[case-mix] %s beyond the limits on the side of concern: raw %s; raw with overdispersion"
                    + " %s; adjusted for case mix %s%n", year, concerns(raw), concerns(rawAuto), concerns(adjusted));
            assertThat(raw.get(SampleData.OUTLIER_TRUST).classification()).as(year)
                    .isEqualTo(FunnelPlot.Classification.ALARM_HIGH);
            assertThat(adjusted.get(SampleData.OUTLIER_TRUST).classification()).as(year)
                    .isEqualTo(FunnelPlot.Classification.ALARM_HIGH);
            assertThat(raw.get(SampleData.OLDER_TRUST).classification().high()).as(year).isTrue();
            assertThat(adjusted.get(SampleData.OLDER_TRUST).classification()).as(year)
                    .isEqualTo(FunnelPlot.Classification.WITHIN);
            assertThat(concerns(adjusted).keySet()).as(year).containsExactly(SampleData.OUTLIER_TRUST);
        }
    }

    /** Each trust's totals over the year's months, on the funnel of {@code type}. */
    private static Map<String, FunnelPlot.UnitResult> compared(FunnelPlot.Type type, String year, FunnelPlot.Method method) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Double> expected = new TreeMap<>();
        for (SampleData.Result r : SampleData.results()) {
            if (r.audit().equals("nhfd") && r.metric().equals("mortality-30-day") && r.period().startsWith(year)) {
                long[] c = counts.computeIfAbsent(r.organisation(), k -> new long[2]);
                c[0] += r.numerator();
                c[1] += r.denominator();
                expected.merge(r.organisation(), r.expected().doubleValue(), Double::sum);
            }
        }
        List<FunnelPlot.Unit> units = new ArrayList<>();
        counts.forEach((trust, c) -> units.add(type == FunnelPlot.Type.STANDARDISED_RATIO
                ? new FunnelPlot.Unit(trust, c[0], c[1], expected.get(trust)) : new FunnelPlot.Unit(trust, c[0], c[1])));
        Map<String, FunnelPlot.UnitResult> byTrust = new TreeMap<>();
        FunnelPlot.compute(type, units, method, false).units().forEach(u -> byTrust.put(u.unit().id(), u));
        return byTrust;
    }

    /** The trusts beyond the limits on the high side (more deaths: the side of concern), with their level. */
    private static Map<String, String> concerns(Map<String, FunnelPlot.UnitResult> units) {
        Map<String, String> found = new TreeMap<>();
        units.forEach((trust, u) -> {
            if (u.classification().high()) {
                found.put(trust, u.classification().code() + String.format(java.util.Locale.UK, " %.3f", u.value()));
            }
        });
        return found;
    }
}
