package uk.nhs.pdsa.actionplan.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP server standing in for findings-service's {@code GET /api/v1/spc} in this module's tests (the
 * end-to-end module studies against the real service). A test sets the answer per series: a chart in
 * findings' JSON form, a status, or a delay longer than the client's timeout.
 */
public class FindingsStub implements QuarkusTestResourceLifecycleManager {
    /** The Authorization header of the latest chart request. */
    public static final java.util.concurrent.atomic.AtomicReference<String> LAST_AUTHORIZATION =
            new java.util.concurrent.atomic.AtomicReference<>();
    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private HttpServer server;

    public record Answer(int status, String body, long delayMillis) {
    }

    /** The answer for the series {@code audit/metric/organisation[/microsystem]}. */
    public static void answer(String series, Answer answer) {
        ANSWERS.put(series, answer);
    }

    public static int requests() {
        return REQUESTS.get();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/spc", this::spc);
        server.start();
        return Map.of("quarkus.rest-client.findings.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void spc(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        // Like findings itself: no bearer token, no chart (so every Study test proves the caller's token is passed on).
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        LAST_AUTHORIZATION.set(authorization);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            byte[] refused = "{\"status\":401}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, refused.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(refused);
            }
            return;
        }
        Map<String, String> query = new TreeMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        String series = query.get("audit") + "/" + query.get("metric") + "/" + query.get("organisation")
                + (query.containsKey("microsystem") ? "/" + query.get("microsystem") : "");
        Answer answer = ANSWERS.getOrDefault(series, new Answer(404,
                "{\"type\":\"https://pdsa.nhs.uk/problems/not-found\",\"status\":404,\"detail\":\"No series " + series + "\"}", 0));
        try {
            Thread.sleep(answer.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                answer.status() == 200 ? "application/json" : "application/problem+json");
        try {
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client gave up waiting (timeout test)
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
