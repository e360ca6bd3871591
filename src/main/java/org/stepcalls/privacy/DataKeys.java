package org.stepcalls.privacy;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.stepcalls.privacy.CryptoService.Purpose;

/**
 * Crypto-shredding: data that must be erasable everywhere — the table, WAL, backups — is sealed
 * under a data key of its own. Shredding the key (deleting its row) leaves every copy of the
 * ciphertext unreadable; no copy of the data itself needs finding.
 */
@ApplicationScoped
public class DataKeys {

    private final CryptoService crypto;

    DataKeys(CryptoService crypto) {
        this.crypto = crypto;
    }

    /** A new key; its id is what the data's row keeps. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long create() {
        DataKey key = new DataKey();
        key.wrapped = crypto.wrap(crypto.newDataKey());
        key.createdAt = OffsetDateTime.now();
        key.persist();
        return key.id;
    }

    public byte[] seal(long keyId, String plaintext, Purpose purpose) {
        return crypto.seal(plaintext, raw(keyId), purpose);
    }

    public String open(long keyId, byte[] sealed, Purpose purpose) {
        return crypto.open(sealed, raw(keyId), purpose);
    }

    /** Opens several values sealed under one key, reading and unwrapping the key once. */
    public Opener opener(long keyId) {
        byte[] key = raw(keyId);
        return (sealed, purpose) -> crypto.open(sealed, key, purpose);
    }

    /** Opens what one data key sealed; lives no longer than the request that asked for it. */
    @FunctionalInterface
    public interface Opener {
        String open(byte[] sealed, Purpose purpose);
    }

    /** After this nothing sealed under the key can be read again, by anyone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void shred(long keyId) {
        DataKey.deleteById(keyId);
    }

    /** Always read from the database, never from a session's cache: a shredded key must stay gone. */
    private byte[] raw(long keyId) {
        byte[] wrapped = DataKey.getEntityManager()
                .createQuery("select k.wrapped from DataKey k where k.id = :id", byte[].class).setParameter("id", keyId)
                .getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("Data key " + keyId + " has been shredded"));
        return crypto.unwrap(wrapped);
    }
}
