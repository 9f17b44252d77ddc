package uk.nhs.pdsa.runtime.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import uk.nhs.pdsa.metrics.MetricType;

/** Stores a {@link MetricType} as its code ({@code proportion}, {@code rate}, {@code value}), as the events carry it. */
@Converter(autoApply = true)
public class MetricTypeColumn implements AttributeConverter<MetricType, String> {
    @Override
    public String convertToDatabaseColumn(MetricType type) {
        return type == null ? null : type.code();
    }

    @Override
    public MetricType convertToEntityAttribute(String code) {
        return code == null ? null : MetricType.fromCode(code);
    }
}
