package org.stepcalls.forum.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.forum.Permissions;
import org.stepcalls.forum.api.ForumJson.CategoryJson;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;

import io.quarkus.security.Authenticated;

@Path("/api/categories")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CategoriesResource {

    private final Permissions permissions;
    private final CurrentUser currentUser;

    CategoriesResource(Permissions permissions, CurrentUser currentUser) {
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    /** Only the categories the caller may read. */
    @GET
    public List<CategoryJson> list() {
        Viewer viewer = currentUser.viewer();
        return permissions.readableCategories(viewer).stream()
                .map(c -> new CategoryJson(c.slug, c.name, c.description, permissions.canCreateTopicIn(viewer, c)))
                .toList();
    }
}
