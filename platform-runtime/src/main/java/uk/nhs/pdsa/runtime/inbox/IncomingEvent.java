package uk.nhs.pdsa.runtime.inbox;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import uk.nhs.pdsa.events.CloudEventHeaders;

/**
 * A CloudEvent read from a Kafka record in binary mode: attributes from the {@code ce_*} headers (the trace context
 * from the distributed tracing extension, null without one), data from the value.
 */
public record IncomingEvent(String id, String type, String source, String subject, String key, String data,
        String traceparent) {

    /** @throws RejectedEventException when a required CloudEvents attribute is missing */
    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        String type = header(record, CloudEventHeaders.TYPE);
        String source = header(record, CloudEventHeaders.SOURCE);
        if (id == null || type == null || source == null) {
            throw new RejectedEventException(id, "not a CloudEvent: ce_id, ce_type and ce_source headers are required");
        }
        if (record.value() == null) {
            throw new RejectedEventException(id, "record has no value");
        }
        return new IncomingEvent(id, type, source, header(record, CloudEventHeaders.SUBJECT), record.key(), record.value(),
                header(record, CloudEventHeaders.TRACE_PARENT));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
