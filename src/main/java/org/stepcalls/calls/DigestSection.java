package org.stepcalls.calls;

import java.util.List;

/**
 * A part of the coordinators' digest e-mail. Implement it as a CDI bean and the digest picks it
 * up (the open list tasks will be one). Lines are the app's own words — numbers, areas, first
 * names of volunteers at most — never a caller's detail or anything typed into a post.
 */
public interface DigestSection {

    /** Ordering among the sections: lower first. */
    int position();

    String heading();

    /** Empty: the section is left out; every section empty: no digest at all. */
    List<String> lines();
}
