package uk.lifeline.backend.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request exactly as written, byte for byte, for what a well-behaved client library refuses to send
 * (control characters in headers, raw bytes in the path). Stateless.
 */
public final class RawHttp {

    /** The status code and the whole response text. */
    public record Answer(int status, String text) {}

    private RawHttp() {}

    /** {@code head} is the request line and headers without the blank line; the connection is closed after. */
    public static Answer send(int port, String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String lengthHeader = body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "";
            out.write((head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + lengthHeader + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = text.length() >= 12 ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
