package io.jenkins.plugins.ishcd.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One keep-alive TCP connection to the emulator, speaking HTTP/1.1 byte for byte as a test writes it. */
final class RawHttp implements AutoCloseable {

    /** A response as read off the wire. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** @param socket a connected socket, e.g. a TLS one */
    RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Sends {@code head} (lines without their CRLF; a blank line is added) and {@code body}, and reads the answer. */
    Response exchange(String body, String... head) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder();
        for (String line : head) {
            request.append(line).append("\r\n");
        }
        if (!body.isEmpty()) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
        return read();
    }

    /** @return how long, in ms, until the server closes the connection; -1 when it is still open after {@code waitMs} */
    long millisUntilClosed(int waitMs) throws IOException {
        socket.setSoTimeout(waitMs);
        long start = System.nanoTime();
        try {
            return in.read() < 0 ? (System.nanoTime() - start) / 1_000_000 : -2;
        } catch (SocketTimeoutException stillOpen) {
            return -1;
        } catch (IOException reset) {
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private Response read() throws IOException {
        String statusLine = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("The connection ended in the middle of an answer: " + line);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
