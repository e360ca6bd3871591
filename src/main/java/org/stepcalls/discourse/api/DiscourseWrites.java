package org.stepcalls.discourse.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.stepcalls.discourse.DiscourseViews;
import org.stepcalls.forum.Category;
import org.stepcalls.forum.ForumService;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Discourse's writes: {@code POST /posts.json} opens a topic ({@code title}, {@code raw},
 * {@code category} id) or replies ({@code topic_id}, {@code raw}); {@code PUT /posts/{id}.json}
 * edits ({@code post[raw]}). JSON or form bodies, as Discourse takes both; 200 with the post, as
 * Discourse answers. Every write goes through the forum, so it is redacted like any other — the
 * answer's {@code raw} and {@code cooked} are what was stored. The calls board is not written here
 * (its topics open only from the call form; its records are never edited).
 */
@Path("/")
public class DiscourseWrites {

    /** Where a topic without a category goes, as Discourse's "uncategorized". */
    static final String DEFAULT_CATEGORY = "general";

    private final ForumService forum;
    private final DiscourseViews views;
    private final CurrentUser currentUser;
    private final EntityManager entityManager;

    DiscourseWrites(ForumService forum, DiscourseViews views, CurrentUser currentUser, EntityManager entityManager) {
        this.forum = forum;
        this.views = views;
        this.currentUser = currentUser;
        this.entityManager = entityManager;
    }

    @POST
    @Path("posts.json")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createFromJson(JsonNode body) {
        return create(fields(body));
    }

    @POST
    @Path("posts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createFromJsonAtPosts(JsonNode body) {
        return create(fields(body));
    }

    @POST
    @Path("posts.json")
    @Consumes(DiscourseForms.KEYED_FORM)
    public Response createFromForm(String body) {
        return create(DiscourseForms.parse(body));
    }

    @POST
    @Path("posts")
    @Consumes(DiscourseForms.KEYED_FORM)
    public Response createFromFormAtPosts(String body) {
        return create(DiscourseForms.parse(body));
    }

    @PUT
    @Path("posts/{id: \\d+}.json")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateFromJson(@PathParam("id") long id, JsonNode body) {
        JsonNode post = body == null ? null : body.get("post");
        String raw = post != null && post.hasNonNull("raw") ? post.get("raw").asText()
                : body != null && body.hasNonNull("raw") ? body.get("raw").asText() : null;
        return update(id, raw);
    }

    @PUT
    @Path("posts/{id: \\d+}.json")
    @Consumes(DiscourseForms.KEYED_FORM)
    public Response updateFromForm(@PathParam("id") long id, String body) {
        Map<String, String> fields = DiscourseForms.parse(body);
        return update(id, fields.getOrDefault("post[raw]", fields.get("raw")));
    }

    private Response create(Map<String, String> fields) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        refusePrivateMessage(fields);
        String raw = fields.get("raw");
        long postId;
        if (fields.get("topic_id") != null) {
            long topicId = number("topic_id", fields.get("topic_id"));
            postId = forum.reply(viewer, topicId, raw).id();
        } else {
            String slug = DEFAULT_CATEGORY;
            if (fields.get("category") != null) {
                // an id that does not exist is refused as one the writer may not read, so that no answer tells them apart
                Category category = Category.findById(number("category", fields.get("category")));
                slug = category == null ? null : category.slug;
            }
            long topicId = forum.createTopic(viewer, slug, fields.get("title"), raw).id();
            postId = entityManager.createQuery("select p.id from Post p where p.topic.id = ?1 and p.postNumber = 1", Long.class)
                    .setParameter(1, topicId).getSingleResult();
        }
        return DiscourseResponses.ok(views.post(viewer, postId));
    }

    private Response update(long id, String raw) {
        Viewer viewer = DiscourseResponses.signedIn(currentUser);
        forum.edit(viewer, id, raw);
        return DiscourseResponses.ok(org.stepcalls.discourse.JsonFields.of("post", views.post(viewer, id)));
    }

    /** Discourse's fields that make a post a private message to the people or groups they name. */
    static final List<String> PRIVATE_MESSAGE_FIELDS = List.of("target_recipients", "target_usernames",
            "target_group_names");

    /**
     * This forum has no private messages: a client asking for one would otherwise see a 200 and believe
     * that what it sent (about a call, say) reached only the people it named, while it had opened a
     * topic everyone reads. Refused before anything is written.
     */
    private static void refusePrivateMessage(Map<String, String> fields) {
        String archetype = fields.get("archetype");
        // forms send lists as "target_recipients[]=mia" or "target_usernames[0]=mia"
        boolean named = fields.keySet().stream().map(key -> key.indexOf('[') < 0 ? key : key.substring(0, key.indexOf('[')))
                .anyMatch(PRIVATE_MESSAGE_FIELDS::contains);
        if (named || (archetype != null && !"regular".equals(archetype.strip()))) {
            throw ApiException.invalidField("archetype", "private_messages_unsupported",
                    "This forum has no private messages: nothing was posted. Open a topic in a category or reply instead.");
        }
    }

    private static Map<String, String> fields(JsonNode body) {
        Map<String, String> fields = new HashMap<>();
        if (body != null && body.isObject()) {
            body.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    fields.put(field.getKey(), field.getValue().asText());
                }
            });
        }
        return fields;
    }

    private static long number(String field, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, "The " + field + " is a number.");
        }
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
