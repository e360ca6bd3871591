package org.stepcalls.forum.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.forum.Usernames;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.Authenticated;

/** Your own username, which you may change once. A class of its own: {@code /api/me} has one too. */
@Path("/api/me/username")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SignedInOnly
public class MyUsernameResource {

    public record UsernameJson(String username) {
    }

    private final Usernames usernames;
    private final CurrentUser currentUser;

    MyUsernameResource(Usernames usernames, CurrentUser currentUser) {
        this.usernames = usernames;
        this.currentUser = currentUser;
    }

    @GET
    public UsernameJson mine() {
        return new UsernameJson(currentUser.account().username());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public UsernameJson change(UsernameJson request) {
        return new UsernameJson(usernames.change(currentUser.viewer(), ApiException.requireBody(request).username()));
    }
}
