package uk.lifeline.backend.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import uk.lifeline.backend.testing.BackendTest;
import uk.lifeline.backend.testing.Tenant;

/**
 * A client that keeps its connection open and sends each request the moment the previous answer arrives is
 * answered every time, however quickly the server answers (reactor/reactor-netty#4361: the connection stopped
 * being read after a queued request was refused at once).
 */
class KeepAliveReadsTest extends BackendTest {

    private static final int REQUESTS = 2_000;

    @Test
    void everyRequestOnOneKeptAliveConnectionIsAnsweredWhenQuickAndDatabaseAnswersAlternate() throws IOException {
        Tenant tenant = tenant("keepalive");
        String auth = "\r\nHost: localhost\r\nAuthorization: Bearer " + tenant.token("agent") + "\r\n\r\n";
        // Answered from the database's thread, so the server is still finishing it when the next request comes.
        byte[] fromDatabase = ("GET /api/v1/customers/" + tenant.customer1 + "/contact HTTP/1.1" + auth)
                .getBytes(StandardCharsets.ISO_8859_1);
        // Refused at once on the connection's own thread: no database work.
        byte[] atOnce =
                ("GET /api/v1/customers/not-a-uuid/contact HTTP/1.1" + auth).getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < REQUESTS; i++) {
                boolean quick = i % 2 == 1;
                out.write(quick ? atOnce : fromDatabase);
                out.flush();
                String head;
                try {
                    head = readAnswer(in);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("request " + i + " on the kept-alive connection was never answered", e);
                }
                assertThat(head).as("answer %d", i).startsWith(quick ? "HTTP/1.1 404" : "HTTP/1.1 200");
            }
        }
    }

    /** Reads one answer (head and a Content-Length or chunked body); returns the head. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(next(in));
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(
                    lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
            for (int i = 0; i < length; i++) {
                next(in);
            }
        } else {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (!body.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
                body.write(next(in));
            }
        }
        return text;
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("the server closed the kept-alive connection");
        }
        return b;
    }
}
