package uk.nhs.pdsa.notification.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mail server that hangs: it accepts each connection and never sends SMTP's greeting, so a client waits until its
 * own timeout. One per test JVM, started on first use, on a free port.
 */
public final class HungMailServer {
    private static final HungMailServer INSTANCE = new HungMailServer();

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private HungMailServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    held.add(socket.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "hung-mail-server");
        accepting.setDaemon(true);
        accepting.start();
    }

    public static HungMailServer get() {
        return INSTANCE;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many connections it has accepted (and left hanging). */
    public int connections() {
        return held.size();
    }
}
