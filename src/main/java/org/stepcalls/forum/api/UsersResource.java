package org.stepcalls.forum.api;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.forum.Profiles;
import org.stepcalls.platform.security.CurrentUser;

import io.quarkus.security.Authenticated;

/** Profiles. */
@Path("/api/users")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    public record RecentPostJson(long postId, long topicId, String topicTitle, String category, OffsetDateTime createdAt,
            String excerpt) {
    }

    public record ProfileJson(String username, String name, OffsetDateTime joinedAt, long postsCount,
            List<RecentPostJson> recentPosts, boolean canChangeUsername) {
    }

    private final Profiles profiles;
    private final CurrentUser currentUser;

    UsersResource(Profiles profiles, CurrentUser currentUser) {
        this.profiles = profiles;
        this.currentUser = currentUser;
    }

    /** Posts and their count come only from the conversation boards the caller may read. */
    @GET
    @Path("/{username}")
    public ProfileJson profile(@PathParam("username") String username) {
        Profiles.Profile profile = profiles.of(currentUser.viewer(), username);
        return new ProfileJson(profile.username(), profile.name(), profile.joinedAt(), profile.postsCount(),
                profile.recentPosts().stream().map(p -> new RecentPostJson(p.postId(), p.topicId(), p.topicTitle(),
                        p.category(), p.createdAt(), p.excerpt())).toList(),
                profile.canChangeUsername());
    }
}
