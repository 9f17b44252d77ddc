package uk.nhs.pdsa.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the test stack's mail server (GreenMail) received for an address, over POP3 (the address is the
 * user and the password): the real message as an SMTP client delivered it.
 */
public final class Mailbox {
    private static final int POP3_PORT = Integer.getInteger("pdsa.pop3.port", 13110);

    private Mailbox() {
    }

    /** Every message in the address's mailbox, raw (headers and MIME body), oldest first. */
    public static List<String> messages(String address) {
        try (Socket socket = new Socket("127.0.0.1", POP3_PORT)) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            expectOk(in.readLine());
            if (!command(in, out, "USER " + address).startsWith("+OK") || !command(in, out, "PASS " + address).startsWith("+OK")) {
                return List.of(); // no mailbox yet: nothing was delivered to the address
            }
            int count = Integer.parseInt(command(in, out, "STAT").split(" ")[1]);
            // Every RETR sent at once, then the answers read in order (POP3 pipelining, RFC 2449): one command
            // and its answer at a time cost about 44 ms each against GreenMail (delayed acknowledgements), 13 s
            // for a mailbox of 300 messages; pipelined, 0.1 s.
            StringBuilder retrieve = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                retrieve.append("RETR ").append(i).append("\r\n");
            }
            out.write(retrieve.toString());
            out.flush();
            List<String> messages = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                expectOk(in.readLine());
                StringBuilder message = new StringBuilder();
                for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
                    message.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                }
                messages.add(message.toString());
            }
            command(in, out, "QUIT");
            return messages;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the mailbox of " + address + " on port " + POP3_PORT, e);
        }
    }

    private static String command(BufferedReader in, Writer out, String command) throws IOException {
        out.write(command + "\r\n");
        out.flush();
        return in.readLine();
    }

    private static void expectOk(String line) {
        if (line == null || !line.startsWith("+OK")) {
            throw new IllegalStateException("POP3 answered: " + line);
        }
    }
}
