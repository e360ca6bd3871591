package org.stepcalls.privacy;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Brings data written before key epochs into today's format, once: at the first start after the
 * upgrade (recorded in {@code legacy_formats_migrated}; later starts touch nothing, so an old-format
 * value put into a row afterwards is never bound to that row). Data keys wrapped by the master key
 * are re-wrapped by the key of the week they were created in; values bound only to their purpose
 * are re-sealed bound to their row too. One transaction under an advisory lock, so instances
 * starting together do it once. The old bytes stay in earlier backups, WAL and unvacuumed pages until those go: README,
 * "Privacy".
 */
@ApplicationScoped
public class LegacyFormats {

    private static final Logger LOG = Logger.getLogger(LegacyFormats.class);
    /** Any fixed 64-bit number nothing else locks on: "KEYEPOCH". */
    private static final long LOCK_KEY = 0x4B45_5945_504F_4348L;
    private static final int BATCH = 500;

    /** How many data keys were re-wrapped and values re-sealed. */
    public record Migrated(int dataKeys, int values) {
    }

    private final CryptoService crypto;
    private final Keyring keyring;
    private final EntityManager entityManager;
    private final Instance<SealedColumn.Owner> owners;

    LegacyFormats(CryptoService crypto, Keyring keyring, EntityManager entityManager, Instance<SealedColumn.Owner> owners) {
        this.crypto = crypto;
        this.keyring = keyring;
        this.entityManager = entityManager;
        this.owners = owners;
    }

    void atStart(@Observes StartupEvent event) {
        Migrated migrated = migrate();
        if (migrated.dataKeys() + migrated.values() > 0) {
            LOG.infof("Key epochs: %d data keys re-wrapped under their epoch, %d values re-sealed bound to their row",
                    migrated.dataKeys(), migrated.values());
        }
    }

    @Transactional
    public Migrated migrate() {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").getSingleResult();
        if (((Number) entityManager.createNativeQuery("SELECT count(*) FROM legacy_formats_migrated").getSingleResult())
                .longValue() > 0) {
            return new Migrated(0, 0);
        }
        int keys = rewrapDataKeys();
        int values = 0;
        for (SealedColumn.Owner owner : owners) {
            for (SealedColumn column : owner.sealedColumns()) {
                values += reseal(column);
            }
        }
        entityManager.createNativeQuery("INSERT INTO legacy_formats_migrated (finished_at) VALUES (now())").executeUpdate();
        return new Migrated(keys, values);
    }

    @SuppressWarnings("unchecked")
    private int rewrapDataKeys() {
        int done = 0;
        List<Object[]> rows;
        do {
            rows = entityManager.createNativeQuery(
                    "SELECT id, wrapped, created_at FROM data_keys WHERE epoch IS NULL ORDER BY id LIMIT " + BATCH)
                    .getResultList();
            for (Object[] row : rows) {
                long id = ((Number) row[0]).longValue();
                KeyEpoch epoch = KeyEpoch.of(createdAt(row[2]));
                byte[] key = legacy(() -> crypto.openLegacy((byte[]) row[1], null, CryptoService.Purpose.DATA_KEY),
                        "data_keys", "wrapped", id);
                entityManager.createNativeQuery("UPDATE data_keys SET wrapped = ?1, epoch = ?2 WHERE id = ?3 AND epoch IS NULL")
                        .setParameter(1, crypto.wrap(key, keyring.keyFor(epoch), epoch)).setParameter(2, epoch.name())
                        .setParameter(3, id).executeUpdate();
                done++;
            }
        } while (rows.size() == BATCH);
        return done;
    }

    @SuppressWarnings("unchecked")
    private int reseal(SealedColumn c) {
        String dataKey = c.dataKeyId() == null ? "NULL" : c.dataKeyId();
        String select = "SELECT t.%s, t.%s, %s FROM %s t WHERE get_byte(t.%s, 0) = %d%s ORDER BY t.%s LIMIT %d".formatted(
                c.rowColumn(), c.column(), dataKey, c.table(), c.column(), CryptoService.FORMAT_V1,
                c.dataKeyId() == null ? "" : " AND " + dataKey + " IS NOT NULL", c.rowColumn(), BATCH);
        String update = "UPDATE %s SET %s = ?1 WHERE %s = ?2 AND get_byte(%s, 0) = %d".formatted(c.table(), c.column(),
                c.rowColumn(), c.column(), CryptoService.FORMAT_V1);
        Map<Long, byte[]> dataKeys = new HashMap<>();
        int done = 0;
        List<Object[]> rows;
        do {
            rows = entityManager.createNativeQuery(select).getResultList();
            for (Object[] row : rows) {
                long id = ((Number) row[0]).longValue();
                byte[] key = row[2] == null ? null : dataKeys.computeIfAbsent(((Number) row[2]).longValue(), this::dataKey);
                String plain = new String(legacy(() -> crypto.openLegacy((byte[]) row[1], key, c.legacyPurpose()), c.table(),
                        c.column(), id), StandardCharsets.UTF_8);
                byte[] resealed = key == null ? crypto.seal(plain, c.purpose(), id) : crypto.seal(plain, key, c.purpose(), id);
                entityManager.createNativeQuery(update).setParameter(1, resealed).setParameter(2, id).executeUpdate();
                done++;
            }
        } while (rows.size() == BATCH);
        return done;
    }

    private byte[] dataKey(long keyId) {
        Object[] row = (Object[]) entityManager.createNativeQuery("SELECT wrapped, epoch FROM data_keys WHERE id = ?1")
                .setParameter(1, keyId).getSingleResult();
        KeyEpoch epoch = KeyEpoch.parse((String) row[1]).orElseThrow();
        return crypto.unwrap((byte[]) row[0], keyring.existing(epoch), epoch);
    }

    /** A value that does not open stops the start, naming where it is (never what it holds). */
    private static byte[] legacy(Supplier<byte[]> open, String table, String column, long row) {
        try {
            return open.get();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Cannot re-seal " + table + "." + column + " of row " + row + ": it does not "
                    + "open with this master key. Is STEPCALLS_MASTER_KEY the one this database was written with?");
        }
    }

    private static OffsetDateTime createdAt(Object value) {
        if (value instanceof OffsetDateTime at) {
            return at;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
