package org.stepcalls.calls.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PurgePagesTest {

    @Test
    void theRetentionReadsAsPeopleSayIt() { // R16
        Document page = new PageSession(TestUsers.admin("ada")).page("/admin/purge");
        assertThat(page.select("main p").first().text())
                .contains("purged 7 days after closing").contains("any call 30 days after it was opened")
                .doesNotContainPattern("P\\d|PT\\d");
    }
}
