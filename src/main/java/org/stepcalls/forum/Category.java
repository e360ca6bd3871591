package org.stepcalls.forum;

import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.stepcalls.platform.security.Role;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A board. Which roles may read it and post in it is data, created by migration. */
@Entity
@Table(name = "categories")
public class Category extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(nullable = false, unique = true)
    public String slug;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public int position;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "read_roles", nullable = false)
    String[] readRoles;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "post_roles", nullable = false)
    String[] postRoles;

    /** Topics here are opened by a feature's own form (the calls board), never by the plain topic form. */
    @Column(name = "topics_by_feature_only", nullable = false)
    public boolean topicsByFeatureOnly;

    /** Where a feature shows this category's topics (e.g. {@code /calls/}), or null for the forum's page. */
    @Column(name = "topic_page")
    public String topicPage;

    /** Where a feature lists this category's topics (e.g. {@code /calls}, with its own filters), or null for the forum's list. */
    @Column(name = "list_page")
    public String listPage;

    /** Where a feature opens new topics here (e.g. {@code /calls/new}), or null for the plain form. */
    @Column(name = "new_topic_page")
    public String newTopicPage;

    /**
     * Why moderators may not close, reopen or pin topics here, when the feature closes its topics
     * itself (a call is closed by its opener, R15); null where moderators may.
     */
    @Column(name = "closed_by_feature_note")
    public String closedByFeatureNote;

    public boolean closesOwnTopics() {
        return closedByFeatureNote != null;
    }

    public Set<Role> readers() {
        return Role.allOf(readRoles);
    }

    public Set<Role> posters() {
        return Role.allOf(postRoles);
    }

    public static Category findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }
}
