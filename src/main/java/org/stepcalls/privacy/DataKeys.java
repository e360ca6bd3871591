package org.stepcalls.privacy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.privacy.CryptoService.Purpose;

/**
 * Crypto-shredding in two layers. Data that must be erasable everywhere is sealed under a data key
 * of its own, stored in the database wrapped by the key of its epoch (the week it was opened in),
 * and epoch keys live only in the {@link Keyring}, outside the database. Shredding the data key
 * (deleting its row) makes the live database's ciphertext unreadable at once; destroying the epoch
 * key once retention has run out for the whole week makes every older copy — WAL, replicas, backups
 * — unreadable too, master key or not.
 */
@ApplicationScoped
public class DataKeys {

    private final CryptoService crypto;
    private final Keyring keyring;
    private final AuditLog audit;

    DataKeys(CryptoService crypto, Keyring keyring, AuditLog audit) {
        this.crypto = crypto;
        this.keyring = keyring;
        this.audit = audit;
    }

    /** A new key for what is opened at {@code openedAt}, in that week's epoch; its id is what the data's row keeps. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long create(OffsetDateTime openedAt) {
        KeyEpoch epoch = KeyEpoch.of(openedAt);
        DataKey key = new DataKey();
        key.epoch = epoch.name();
        key.wrapped = crypto.wrap(crypto.newKey(), keyring.keyFor(epoch), epoch);
        key.createdAt = openedAt;
        key.persist();
        return key.id;
    }

    /** Seals a value of {@code row} (see {@link Purpose}) under the data key. */
    public byte[] seal(long keyId, String plaintext, Purpose purpose, long row) {
        return crypto.seal(plaintext, raw(keyId), purpose, row);
    }

    public String open(long keyId, byte[] sealed, Purpose purpose, long row) {
        return crypto.open(sealed, raw(keyId), purpose, row);
    }

    /** Opens several values sealed under one key, reading and unwrapping the key once. */
    public Opener opener(long keyId) {
        byte[] key = raw(keyId);
        return (sealed, purpose, row) -> crypto.open(sealed, key, purpose, row);
    }

    /** Opens what one data key sealed; lives no longer than the request that asked for it. */
    @FunctionalInterface
    public interface Opener {
        String open(byte[] sealed, Purpose purpose, long row);
    }

    /** After this nothing sealed under the key can be read again from this database. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void shred(long keyId) {
        DataKey.deleteById(keyId);
    }

    /**
     * Destroys the key of every epoch that ended before {@code cutoff} (audited: the epoch, no more)
     * and drops any data key of it still in the table, unreadable from now on anyway. The caller
     * picks a cutoff after which no call of those weeks may still be living.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<KeyEpoch> shredEpochsEndedBefore(OffsetDateTime cutoff, Long actorId) {
        List<KeyEpoch> destroyed = new ArrayList<>();
        for (KeyEpoch epoch : keyring.epochs()) {
            if (epoch.end().isBefore(cutoff)) {
                DataKey.delete("epoch", epoch.name());
                audit.recordEpochDestroyed(actorId, epoch);
                keyring.destroy(epoch);
                destroyed.add(epoch);
            }
        }
        return destroyed;
    }

    /** Always read from the database, never from a session's cache: a shredded key must stay gone. */
    private byte[] raw(long keyId) {
        Object[] row = DataKey.getEntityManager()
                .createQuery("select k.wrapped, k.epoch from DataKey k where k.id = :id", Object[].class)
                .setParameter("id", keyId).getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("Data key " + keyId + " has been shredded"));
        KeyEpoch epoch = KeyEpoch.parse(row[1] == null ? "" : (String) row[1])
                .orElseThrow(() -> new IllegalStateException("Data key " + keyId + " has no epoch yet"));
        byte[] epochKey = keyring.existing(epoch);
        try {
            return crypto.unwrap((byte[]) row[0], epochKey, epoch);
        } catch (IllegalStateException e) {
            throw keyring.missing(epoch);
        }
    }
}
