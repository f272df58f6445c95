package io.attune.adapters.http;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@MicronautTest
class DebugTmpTest {
    @Inject
    EmbeddedServer server;

    @Test
    void debug() throws Exception {
        try (Socket socket = new Socket("localhost", server.getPort())) {
            socket.setSoTimeout(5000);
            byte[] body = new byte[600 * 1024];
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/packs/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=abc\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes());
            out.flush();
            Thread.sleep(300);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[4096];
            int n = in.read(buf);
            System.out.println("RESPONSE1:\n" + new String(buf, 0, n, StandardCharsets.UTF_8));
            try {
                out.write(body);
                out.write("GET /api/v1/packs HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                out.flush();
                n = in.read(buf);
                System.out.println("RESPONSE2: " + n + " " + (n > 0 ? new String(buf, 0, n, StandardCharsets.UTF_8) : ""));
            } catch (Exception e) {
                System.out.println("RESPONSE2 failed: " + e);
            }
        }
    }
}
