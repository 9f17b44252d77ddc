package uk.nhs.pdsa.notification.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import uk.nhs.pdsa.notification.delivery.WebhookSignature;

/**
 * A webhook receiver as a trust would run one: it verifies each request's Standard Webhooks signature with the
 * shared secret, and answers per path: {@code /ok/...} 204, {@code /flaky-N/...} 503 for the first N requests and
 * 204 after, {@code /down/...} 500 always, {@code /gone/...} 410, {@code /slow/...} 204 after holding the request
 * for half a second (it counts how many it held at once: {@link #mostHeldAtOnce()}).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received, with its W3C {@code traceparent} header (null without one). */
    public record Received(String path, String id, String timestamp, boolean signatureValid, String body, int answered,
            String traceparent) {
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger mostHeld = new AtomicInteger();

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The most {@code /slow/...} requests in progress at the same moment. */
    public int mostHeldAtOnce() {
        return mostHeld.get();
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        boolean valid = id != null && timestamp != null && signature != null
                && WebhookSignature.verify(secret, id, timestamp, signature, body, Instant.now().getEpochSecond(), 300);
        int n = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status;
        if (!valid) {
            status = 401;
        } else if (path.startsWith("/ok")) {
            status = 204;
        } else if (path.startsWith("/slow")) {
            mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
            status = 204;
        } else if (path.startsWith("/flaky-")) {
            int failures = Integer.parseInt(path.substring("/flaky-".length()).split("/")[0]);
            status = n <= failures ? 503 : 204;
        } else if (path.startsWith("/gone")) {
            status = 410;
        } else {
            status = 500;
        }
        received.add(new Received(path, id, timestamp, valid, body, status,
                exchange.getRequestHeaders().getFirst("traceparent")));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
