package uk.nhs.pdsa.runtime.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON is read to the letter in every service (docs/api.md, "JSON bodies"): a value of the wrong type is refused,
 * never coerced (no number for a string, no string for a number, no fraction for a whole number); a key given
 * twice, anything after the value and nesting deeper than {@value #MAX_DEPTH} levels are refused;
 * numbers must be finite (1e400 is not a number here), dates lie between {@value #FIRST_YEAR} and
 * {@value #LAST_YEAR}, and text holds no control character ({@link PlainText}). Each refusal is a
 * {@link MismatchedInputException} with the JSON path, answered as 400 problem+json by the error model. A field a
 * request does not have is refused too, but only in request bodies ({@link RequestBodies}): events and other
 * services' answers may gain fields without breaking their readers.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    public static final int MAX_DEPTH = 64;
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2999;

    /** Applied last, after Quarkus's own customizers (which register the java.time module these checks wrap). */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Makes {@code mapper} strict (also for mappers built outside CDI, e.g. in tests and readers). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // Text is text: a number or a boolean where a string is expected is refused, not turned into one.
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        // An empty string is not a number, a date or an object.
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.DateTime,
                LogicalType.POJO, LogicalType.Collection, LogicalType.Map}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        SimpleModule checks = new SimpleModule("pdsa-strict-json");
        checks.addDeserializer(String.class, new Checked<>(StringDeserializer.instance, String.class));
        checks.addDeserializer(Double.class, new Checked<>(new NumberDeserializers.DoubleDeserializer(Double.class, null),
                Double.class));
        checks.addDeserializer(double.class, new Checked<>(new NumberDeserializers.DoubleDeserializer(double.class, 0.0),
                double.class));
        checks.addDeserializer(BigDecimal.class, new Checked<>(NumberDeserializers.BigDecimalDeserializer.instance,
                BigDecimal.class));
        checks.addDeserializer(LocalDate.class, new Checked<>(LocalDateDeserializer.INSTANCE, LocalDate.class));
        checks.addDeserializer(Instant.class, new UtcInstantDeserializer(InstantDeserializer.INSTANT));
        mapper.registerModule(checks);
        return mapper;
    }

    /** Why a value read from JSON is refused, in words for the caller (null: allowed). */
    static String refusal(Object value) {
        if (value instanceof String text) {
            return PlainText.refusal(text);
        }
        if (value instanceof Double number && !Double.isFinite(number)) {
            return "is not a finite number";
        }
        if (value instanceof BigDecimal number && !Double.isFinite(number.doubleValue())) {
            return "is beyond the range of numbers this API handles (about ±1.8e308)";
        }
        if (value instanceof LocalDate date && (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR)) {
            return "must be a date between " + FIRST_YEAR + "-01-01 and " + LAST_YEAR + "-12-31";
        }
        return null;
    }

    /** A value that is well-formed JSON of the right type but not allowed here; its message is for the caller. */
    public static final class RefusedValue extends MismatchedInputException {
        private final String reason;

        RefusedValue(JsonParser parser, String reason, Class<?> type) {
            super(parser, reason, type);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private static final class Checked<T> extends JsonDeserializer<T> {
        private final JsonDeserializer<T> delegate;
        private final Class<T> type;

        Checked(JsonDeserializer<T> delegate, Class<T> type) {
            this.delegate = delegate;
            this.type = type;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            T value = delegate.deserialize(parser, context);
            String refusal = refusal(value);
            if (refusal != null) {
                throw new RefusedValue(parser, refusal, type);
            }
            return value;
        }

        @Override
        public T getNullValue(DeserializationContext context) throws com.fasterxml.jackson.databind.JsonMappingException {
            return delegate.getNullValue(context);
        }

        @Override
        public Class<?> handledType() {
            return type;
        }

        @Override
        public com.fasterxml.jackson.databind.type.LogicalType logicalType() {
            return delegate.logicalType();
        }
    }
}
