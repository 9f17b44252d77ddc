package uk.nhs.pdsa.notification.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.pdsa.notification.Notification;
import uk.nhs.pdsa.runtime.tracing.EventTracing;

/**
 * Posts a notification as JSON to a contact's endpoint, signed per Standard Webhooks. {@code webhook-id} is the
 * notification id, the same on every retry, so a receiver recognises a repeat. 2xx: delivered; 410: gone (the
 * endpoint is disabled); anything else, or no answer within the timeout: retry.
 */
@ApplicationScoped
public class WebhookSender {
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;

    private final WebhookTargets targets;

    public WebhookSender(ObjectMapper json, @ConfigProperty(name = "pdsa.delivery.webhook-timeout") Duration timeout,
            WebhookTargets targets) {
        this.targets = targets;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The body a receiver gets: the Standard Webhooks envelope (type, timestamp, data). */
    public String body(Notification n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("notificationId", n.id.toString());
        data.put("organisation", n.organisation);
        data.put("audience", n.audience);
        data.put("role", n.recipientRole);
        data.put("subject", n.subject);
        data.put("text", n.body);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", n.eventType);
        envelope.put("timestamp", n.createdAt.toString());
        envelope.put("data", data);
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Outcome send(Notification n, String url, String secret) {
        // Checked again now, after resolving the name: it may resolve inside since the contact was registered.
        java.util.Optional<String> refused = targets.refusal(url, false);
        if (refused.isPresent()) {
            return new Outcome(Outcome.Kind.PERMANENT, "not sent: " + refused.get());
        }
        String body = body(n);
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", n.id.toString())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, n.id.toString(), timestamp, body));
        String trace = EventTracing.current();
        if (trace != null) {
            builder.header("traceparent", trace); // the receiver may continue the trace (W3C Trace Context)
        }
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Outcome.delivered();
            }
            if (status == 410) {
                return new Outcome(Outcome.Kind.GONE, "the endpoint answered 410 Gone; it is disabled until the contact is updated");
            }
            return Outcome.retry("the endpoint answered " + status);
        } catch (java.io.IOException e) {
            return Outcome.retry(Outcome.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry("interrupted");
        }
    }
}
