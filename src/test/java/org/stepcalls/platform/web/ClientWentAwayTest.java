package org.stepcalls.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A phone that loses its signal halfway through sending a reply is not a failure of ours: the log
 * says so at DEBUG, with no ERROR and incident id for an operator to chase.
 */
@QuarkusTest
class ClientWentAwayTest {

    private static final Path APP_LOG = Path.of("target/stepcalls-test.log");

    @TestHTTPResource("/")
    URL app;

    @Test
    void aClientClosingMidUploadIsLoggedAsItsGoingNotAsOurFailure() throws Exception {
        String token = TestUsers.member("nell-gone");
        long topic = new ForumApiClient(token).createTopicId("general", "A reply that never arrives", "Waiting for it");
        long before = Files.size(APP_LOG);

        try (Socket socket = new Socket(app.getHost(), app.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/topics/" + topic + "/posts HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n"
                    + "{\"body\": \"Half a reply").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(300); // the request reaches the resource and waits for the rest of its body
        }

        String logged = "";
        Instant patience = Instant.now().plus(Duration.ofSeconds(10));
        while (!logged.contains("The client closed the connection") && Instant.now().isBefore(patience)) {
            Thread.sleep(100);
            logged = sinceMark(before);
        }
        assertThat(logged).contains("The client closed the connection during the request")
                .doesNotContain("Unexpected failure");
    }

    private static String sinceMark(long before) throws java.io.IOException {
        byte[] all = Files.readAllBytes(APP_LOG);
        return new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
    }
}
