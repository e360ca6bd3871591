package org.stepcalls.members;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.SignedInOnly;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** "Your data": download a copy, or delete the account (after typing DELETE, so a slip of the thumb cannot). */
@Path("/me/data")
@Produces(MediaType.TEXT_HTML)
@SignedInOnly
public class MyDataPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(String error);
    }

    private final MyData myData;
    private final CurrentUser currentUser;

    MyDataPages(MyData myData, CurrentUser currentUser) {
        this.myData = myData;
        this.currentUser = currentUser;
    }

    @GET
    public TemplateInstance page() {
        return Templates.page(null);
    }

    /** The same copy as GET /api/me/data, for a browser signed in with its session. */
    @GET
    @Path("download")
    @Produces(MediaType.APPLICATION_JSON)
    public Response download() {
        return Response.ok(myData.copy(currentUser.viewer()))
                .header("Content-Disposition", "attachment; filename=\"stepcalls-my-data.json\"").build();
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object delete(@RestForm String confirm) {
        if (!"DELETE".equals(confirm == null ? "" : confirm.strip())) {
            return Response.status(400).entity(Templates.page("Type DELETE in capitals to confirm.")).build();
        }
        myData.erase(currentUser.viewer());
        // the sign-in session is ended too: the logout path clears it and signs out at the provider
        return Response.seeOther(URI.create("/logout")).build();
    }
}
