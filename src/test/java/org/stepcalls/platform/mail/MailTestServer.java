package org.stepcalls.platform.mail;

import io.quarkus.test.common.QuarkusTestResource;

/** Starts {@link MailServer} for every Quarkus test (like the OIDC server: one for the whole run). */
@QuarkusTestResource(MailServer.class)
public class MailTestServer {
}
