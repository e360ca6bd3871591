package org.stepcalls.forum;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which events each person wants e-mailed. A person who never changed anything has no row and
 * gets the defaults: call events, the digest, replies and mentions on; announcements off.
 */
@ApplicationScoped
@Transactional
public class NotificationSettings {

    private static final String COLUMNS = java.util.Arrays.stream(EmailEvent.values()).map(EmailEvent::column)
            .collect(Collectors.joining(", "));

    private final EntityManager entityManager;

    NotificationSettings(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Map<EmailEvent, Boolean> of(long accountId) {
        Object[] row = (Object[]) entityManager.createNativeQuery(
                "SELECT " + COLUMNS + " FROM notification_settings WHERE account_id = ?1", Object[].class)
                .setParameter(1, accountId).getResultStream().findFirst().orElse(null);
        Map<EmailEvent, Boolean> settings = new EnumMap<>(EmailEvent.class);
        for (EmailEvent event : EmailEvent.values()) {
            settings.put(event, row == null ? event.onByDefault() : (Boolean) row[event.ordinal()]);
        }
        return settings;
    }

    public boolean wants(long accountId, EmailEvent event) {
        return of(accountId).get(event);
    }

    /** Sets the events given; the others keep their value. */
    public Map<EmailEvent, Boolean> update(long accountId, Map<EmailEvent, Boolean> changes) {
        Map<EmailEvent, Boolean> settings = of(accountId);
        settings.putAll(changes);
        String values = java.util.Arrays.stream(EmailEvent.values()).map(e -> "?" + (e.ordinal() + 2))
                .collect(Collectors.joining(", "));
        String updates = java.util.Arrays.stream(EmailEvent.values()).map(e -> e.column() + " = EXCLUDED." + e.column())
                .collect(Collectors.joining(", "));
        var insert = entityManager.createNativeQuery("INSERT INTO notification_settings (account_id, " + COLUMNS
                + ") VALUES (?1, " + values + ") ON CONFLICT (account_id) DO UPDATE SET " + updates)
                .setParameter(1, accountId);
        for (EmailEvent event : EmailEvent.values()) {
            insert.setParameter(event.ordinal() + 2, settings.get(event));
        }
        insert.executeUpdate();
        return settings;
    }

    public void turnOff(long accountId, EmailEvent event) {
        update(accountId, Map.of(event, false));
    }
}
