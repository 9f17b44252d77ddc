package uk.nhs.pdsa.notification.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where webhooks may go: not to this platform's own network (server-side request forgery). A webhook URL whose
 * host is, or resolves to, a loopback, link-local (cloud metadata at 169.254.169.254), private, shared (CGNAT),
 * unique-local, multicast or unspecified address is refused when the contact is registered and again before each
 * delivery, after name resolution, so a name that later resolves inside is caught too. Hosts listed in
 * {@code pdsa.webhooks.allowed-hosts} (names or IP addresses) are exempt: the local stack and the tests point
 * webhooks at receivers on the loopback address.
 */
@ApplicationScoped
public class WebhookTargets {
    private final List<String> allowed;

    public WebhookTargets(@ConfigProperty(name = "pdsa.webhooks.allowed-hosts") Optional<List<String>> allowed) {
        this.allowed = allowed.orElse(List.of()).stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
    }

    /**
     * Why a webhook may not be sent to {@code url}, or empty. With {@code resolve} false (registration), a name that
     * does not resolve now is let through (delivery checks it again); at delivery it must resolve.
     */
    public Optional<String> refusal(String url, boolean resolve) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("not a URL");
        }
        String host = uri.getHost();
        if (host == null) {
            return Optional.of("the URL names no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains(bare.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException | SecurityException e) {
            return resolve ? Optional.of("the host " + bare + " does not resolve") : Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (allowed.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String kind = internal(address);
            if (kind != null) {
                return Optional.of("the host " + bare + " is " + (bare.equals(address.getHostAddress()) ? "" : "resolves to ")
                        + "a " + kind + " address; webhooks go to the receiver's public endpoint");
            }
        }
        return Optional.empty();
    }

    /** What kind of address this platform's own network could be reached at, or null for a public one. */
    static String internal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 0 || first == 100 && second >= 64 && second <= 127 || first == 198 && (second == 18 || second == 19)
                    || first >= 240) {
                return "reserved";
            }
        } else if (b.length == 16 && (b[0] & 0xFE) == 0xFC) {
            return "unique-local";
        }
        return null;
    }
}
