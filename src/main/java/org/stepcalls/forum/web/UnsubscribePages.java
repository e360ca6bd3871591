package org.stepcalls.forum.web;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.stepcalls.forum.EmailEvent;
import org.stepcalls.forum.NotificationSettings;
import org.stepcalls.forum.UnsubscribeLinks;
import org.stepcalls.forum.UnsubscribeLinks.Unsubscribe;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The unsubscribe link of every e-mail, no sign-in needed. Opening it (GET) only shows a button:
 * mail scanners that follow links must not unsubscribe anyone. The button, and a mail client's
 * one-click POST (RFC 8058, {@code List-Unsubscribe-Post}), turn the event off. That POST carries
 * no CSRF token and cannot: it is answered by a route of its own, ahead of the CSRF check that
 * guards every other form; the signed link is what authorises it.
 */
@Path("/unsubscribe")
@Produces(MediaType.TEXT_HTML)
public class UnsubscribePages {

    private static final Logger LOG = Logger.getLogger(UnsubscribePages.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(String event, String action);

        static native TemplateInstance done(String event);

        static native TemplateInstance refused(String message);
    }

    private final UnsubscribeLinks links;
    private final NotificationSettings settings;

    UnsubscribePages(UnsubscribeLinks links, NotificationSettings settings) {
        this.links = links;
        this.settings = settings;
    }

    @GET
    @Path("{token}")
    public Response confirm(@PathParam("token") String token, @QueryParam("done") boolean done) {
        try {
            EmailEvent event = links.verify(token).event();
            String name = event.subject().toLowerCase(java.util.Locale.ROOT);
            return Response.ok(done ? Templates.done(name) : Templates.confirm(name, UnsubscribeLinks.path(token))).build();
        } catch (ApiException refused) {
            return Response.status(refused.status()).entity(Templates.refused(refused.getMessage())).build();
        }
    }

    void oneClick(@Observes Router router) {
        router.post("/unsubscribe/:token").order(-1).blockingHandler(this::unsubscribe, false);
    }

    private void unsubscribe(RoutingContext context) {
        String token = context.pathParam("token");
        try {
            Unsubscribe unsubscribe = links.verify(token);
            QuarkusTransaction.requiringNew().run(() -> settings.turnOff(unsubscribe.accountId(), unsubscribe.event()));
            // a browser (the confirm button) sees the result; a mail client ignores the redirect
            context.response().setStatusCode(303).putHeader("Location", UnsubscribeLinks.path(token) + "?done=true").end();
        } catch (ApiException refused) {
            context.response().setStatusCode(refused.status()).putHeader("Content-Type", "application/json")
                    .end(new io.vertx.core.json.JsonObject().put("error", refused.code()).put("message", refused.getMessage())
                            .encode());
        } catch (RuntimeException e) {
            LOG.errorf("One-click unsubscribe failed (%s)", e.getClass().getSimpleName());
            context.response().setStatusCode(500).end();
        }
    }
}
