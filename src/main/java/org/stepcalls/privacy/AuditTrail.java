package org.stepcalls.privacy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;

/**
 * Reading the audit log, for admins only: who did what to which ids, and when. The log holds no
 * text, so nothing read here can carry a caller's or member's detail (R16, R17).
 */
@ApplicationScoped
@Transactional
public class AuditTrail {

    public static final int PAGE_SIZE = 50;

    /** Who the log names when the app itself acted (the scheduled purge destroying a week's key). */
    public static final String THE_APP = "scheduled purge";

    /**
     * One audited action with its actor's display name ({@link #THE_APP} when none); {@code detail}
     * is a code such as a removal reason or a destroyed key's week, never text; {@code meetingId} the meeting a
     * coordinator changed, {@code volunteerId} the list entry (its id only: entries and numbers are erased).
     */
    public record Entry(long id, OffsetDateTime at, Long actorId, String actor, String action, Long topicId, Long postId,
            String detail, Long meetingId, Long volunteerId) {

        /** The detail as people read it: "clean date updated", not the code; a week's date as it is. */
        public String detailLabel() {
            return detail == null ? null : detail.replace('_', ' ');
        }

        /** The action as people read it: "Caller phone revealed". */
        public String actionLabel() {
            for (AuditLog.Action known : AuditLog.Action.values()) {
                if (known.code().equals(action)) {
                    return known.label();
                }
            }
            return action;
        }
    }

    /** Newest first; {@code next} is null on the last page. */
    public record Page(List<Entry> entries, AuditCursor next) {
    }

    /** Someone who appears in the log, for the page's filter. */
    public record Actor(long id, String name) {

        /** The id as the filter's query parameter carries it. */
        public String key() {
            return Long.toString(id);
        }
    }

    private final EntityManager entityManager;

    AuditTrail(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Page read(Viewer viewer, AuditFilter filter, AuditCursor before) {
        requireAdmin(viewer);
        StringBuilder sql = new StringBuilder("""
                SELECT l.id, l.at, l.actor_id, a.display_name, l.action, l.topic_id, l.post_id, l.detail, l.meeting_id,
                       l.volunteer_id
                FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id WHERE true""");
        List<Object> parameters = new ArrayList<>();
        condition(sql, parameters, " AND l.topic_id = ?", filter.topicId());
        condition(sql, parameters, " AND l.action = ?", filter.action() == null ? null : filter.action().code());
        condition(sql, parameters, " AND l.actor_id = ?", filter.actorId());
        condition(sql, parameters, " AND l.at >= ?", filter.fromInstant());
        condition(sql, parameters, " AND l.at < ?", filter.untilInstant());
        if (before != null) {
            sql.append(" AND (l.at, l.id) < (?").append(parameters.size() + 1).append(", ?").append(parameters.size() + 2).append(')');
            parameters.add(before.at());
            parameters.add(before.id());
        }
        sql.append(" ORDER BY l.at DESC, l.id DESC LIMIT ").append(PAGE_SIZE + 1);
        Query query = entityManager.createNativeQuery(sql.toString(), Object[].class);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Entry> entries = rows.stream().limit(PAGE_SIZE).map(AuditTrail::entry).toList();
        AuditCursor next = rows.size() > PAGE_SIZE ? new AuditCursor(entries.get(PAGE_SIZE - 1).at(), entries.get(PAGE_SIZE - 1).id())
                : null;
        return new Page(entries, next);
    }

    /** Everyone who has an entry in the log, by name. */
    public List<Actor> actors(Viewer viewer) {
        requireAdmin(viewer);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT a.id, a.display_name FROM accounts a
                WHERE EXISTS (SELECT 1 FROM audit_log l WHERE l.actor_id = a.id)
                ORDER BY lower(a.display_name), a.id""", Object[].class).getResultList();
        return rows.stream().map(r -> new Actor(((Number) r[0]).longValue(), (String) r[1])).toList();
    }

    private static void requireAdmin(Viewer viewer) {
        if (!viewer.has(Role.ADMIN)) {
            throw ApiException.forbidden("Only admins read the audit log.");
        }
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String clause, Object value) {
        if (value != null) {
            parameters.add(value);
            sql.append(clause).append(parameters.size()); // clause ends in "?": numbered positional parameter
        }
    }

    private static Entry entry(Object[] r) {
        return new Entry(((Number) r[0]).longValue(), time(r[1]), r[2] == null ? null : ((Number) r[2]).longValue(),
                r[2] == null ? THE_APP : (String) r[3], (String) r[4], r[5] == null ? null : ((Number) r[5]).longValue(),
                r[6] == null ? null : ((Number) r[6]).longValue(), (String) r[7], r[8] == null ? null : ((Number) r[8]).longValue(),
                r[9] == null ? null : ((Number) r[9]).longValue());
    }

    private static OffsetDateTime time(Object value) {
        return value instanceof OffsetDateTime t ? t : ((Instant) value).atOffset(ZoneOffset.UTC);
    }
}
