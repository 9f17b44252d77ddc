package uk.nhs.pdsa.events;

/**
 * The identity of one time series: a metric of an audit for one organisation and, optionally, one
 * microsystem inside it. Used as the Kafka key so every point of a series lands on one partition
 * in order. Text form: {@code audit/metric/organisation[/microsystem]}.
 */
public record SeriesKey(String audit, String metric, String organisation, String microsystem) {

    public String asText() {
        String base = audit + "/" + metric + "/" + organisation;
        return microsystem == null ? base : base + "/" + microsystem;
    }

    /** The natural key of one point of this series, used as the CloudEvents subject. */
    public String withPeriod(String period) {
        return asText() + "@" + period;
    }
}
