package uk.nhs.pdsa.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import uk.nhs.pdsa.notification.Notification;

/** Webhooks never reach this platform's own network (server-side request forgery), at registration or delivery. */
class WebhookTargetsTest {
    private final WebhookTargets none = new WebhookTargets(Optional.empty());

    @Test
    void shouldRefuseEveryInternalAddressAndAcceptAPublicOne() {
        for (String url : List.of("https://127.0.0.1/hook", "https://127.8.9.10/hook", "https://[::1]/hook",
                "https://169.254.169.254/latest/meta-data", "https://10.0.0.5/hook", "https://172.16.3.4/hook",
                "https://192.168.1.20/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook", "https://[fd00::1]/hook",
                "https://[fe80::1]/hook", "https://224.0.0.1/hook", "https://[::ffff:127.0.0.1]/hook",
                "https://localhost/hook")) {
            assertThat(none.refusal(url, true)).as(url).isPresent();
        }
        assertThat(none.refusal("https://169.254.169.254/x", false).orElseThrow()).contains("link-local");
        assertThat(none.refusal("https://localhost/x", false).orElseThrow()).contains("resolves to a loopback");
        assertThat(none.refusal("https://93.184.216.34/hook", true)).isEmpty();
        assertThat(none.refusal("https://[2606:2800:220:1:248:1893:25c8:1946]/hook", true)).isEmpty();
    }

    @Test
    void shouldLetOnlyTheListedHostsThroughAndSayWhenANameDoesNotResolve() {
        WebhookTargets local = new WebhookTargets(Optional.of(List.of("localhost", " 127.0.0.1 ")));
        assertThat(local.refusal("http://localhost:8080/hook", true)).isEmpty();
        assertThat(local.refusal("http://127.0.0.1:8080/hook", true)).isEmpty();
        assertThat(local.refusal("https://10.0.0.5/hook", true)).isPresent();
        assertThat(none.refusal("https://no-such-host.invalid/hook", false)).isEmpty(); // checked again at delivery
        assertThat(none.refusal("https://no-such-host.invalid/hook", true).orElseThrow()).contains("does not resolve");
    }

    @Test
    void shouldNotSendToAnInternalAddressAtDelivery() throws Exception {
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Notification n = new Notification();
            n.id = UUID.randomUUID();
            n.createdAt = java.time.Instant.now();
            n.eventType = "nhs.pdsa.finding.raised.v1";
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
            Outcome refused = new WebhookSender(new ObjectMapper(), Duration.ofSeconds(2), none).send(n, url, secret);
            assertThat(refused.kind()).isEqualTo(Outcome.Kind.PERMANENT);
            assertThat(refused.detail()).contains("loopback");
            assertThat(received.get()).isZero();
            // The same receiver, allowed by the setting the local stack uses, is sent to.
            Outcome sent = new WebhookSender(new ObjectMapper(), Duration.ofSeconds(2),
                    new WebhookTargets(Optional.of(List.of("127.0.0.1")))).send(n, url, secret);
            assertThat(sent.kind()).isEqualTo(Outcome.Kind.DELIVERED);
            assertThat(received.get()).isEqualTo(1);
        } finally {
            receiver.stop(0);
        }
    }
}
