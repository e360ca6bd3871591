package org.stepcalls.discourse.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.stepcalls.discourse.DiscourseViews;
import org.stepcalls.discourse.JsonFields;
import org.stepcalls.forum.Category;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Discourse's read routes: latest, categories, a category's topics, a topic (by id or slug — a
 * slug that is not the current one still answers 200, never a redirect), posts by id.
 */
@Path("/")
public class DiscourseReads {

    private final DiscourseViews views;
    private final CurrentUser currentUser;

    DiscourseReads(DiscourseViews views, CurrentUser currentUser) {
        this.views = views;
        this.currentUser = currentUser;
    }

    @GET
    @Path("latest.json")
    public Response latest(@QueryParam("page") @jakarta.ws.rs.DefaultValue("0") int page) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        return DiscourseResponses.ok(views.topicList(viewer, views.readableCategories(viewer), page, "/latest"));
    }

    @GET
    @Path("categories.json")
    public Response categories() {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        List<JsonFields> categories = views.categories(viewer);
        boolean canCreateTopic = categories.stream().anyMatch(c -> Integer.valueOf(1).equals(c.get("permission")));
        return DiscourseResponses.ok(JsonFields.of("category_list", new JsonFields().with("can_create_category", false)
                .with("can_create_topic", canCreateTopic).with("categories", categories)));
    }

    @GET
    @Path("c/{slug}/{id: \\d+}.json")
    public Response categoryTopics(@PathParam("id") long id, @QueryParam("page") @jakarta.ws.rs.DefaultValue("0") int page) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        Category category = views.readableCategory(viewer, id);
        return DiscourseResponses.ok(views.topicList(viewer, List.of(category), page, "/c/" + category.slug + "/" + id));
    }

    @GET
    @Path("c/{id: \\d+}/show.json")
    public Response category(@PathParam("id") long id) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        return DiscourseResponses.ok(JsonFields.of("category", views.category(viewer, views.readableCategory(viewer, id))));
    }

    @GET
    @Path("t/{id: \\d+}.json")
    public Response topic(@PathParam("id") long id, @QueryParam("include_raw") String includeRaw) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        return DiscourseResponses.ok(views.topic(viewer, id, truthy(includeRaw)));
    }

    @GET
    @Path("t/{slug}/{id: \\d+}.json")
    public Response topicBySlug(@PathParam("id") long id, @QueryParam("include_raw") String includeRaw) {
        return topic(id, includeRaw);
    }

    @GET
    @Path("t/{id: \\d+}/posts.json")
    public Response posts(@PathParam("id") long id, @QueryParam("post_ids[]") List<Long> postIds,
            @QueryParam("post_ids") List<Long> plainPostIds, @QueryParam("include_raw") String includeRaw) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        List<Long> wanted = postIds.isEmpty() ? plainPostIds : postIds;
        return DiscourseResponses.ok(views.postsOf(viewer, id, wanted, truthy(includeRaw)));
    }

    @GET
    @Path("posts/{id: \\d+}.json")
    public Response post(@PathParam("id") long id) {
        return DiscourseResponses.ok(views.post(DiscourseResponses.signedIn(currentUser), id));
    }

    static boolean truthy(String flag) {
        return flag != null && (flag.equals("true") || flag.equals("1"));
    }

    @ServerExceptionMapper
    Response refused(ApiException refusal) {
        return DiscourseResponses.refused(refusal);
    }

    @ServerExceptionMapper
    Response refused(UnauthorizedException refusal) {
        return DiscourseResponses.refused(refusal);
    }

    @ServerExceptionMapper
    Response refused(ForbiddenException refusal) {
        return DiscourseResponses.refused(refusal);
    }
}
