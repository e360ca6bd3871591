package org.stepcalls.forum.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.stepcalls.forum.ForumQueries;
import org.stepcalls.forum.api.ForumJson.SearchHit;
import org.stepcalls.forum.api.ForumJson.SearchResults;
import org.stepcalls.platform.security.CurrentUser;

import io.quarkus.security.Authenticated;

@Path("/api/search")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final ForumQueries queries;
    private final CurrentUser currentUser;

    SearchResource(ForumQueries queries, CurrentUser currentUser) {
        this.queries = queries;
        this.currentUser = currentUser;
    }

    /** Only what the caller may read; hidden posts never match. */
    @GET
    public SearchResults search(@QueryParam("q") String q) {
        return new SearchResults(queries.search(currentUser.viewer(), q).stream()
                .map(r -> new SearchHit(r.topicId(), r.postId(), r.title(), r.excerpt())).toList());
    }
}
