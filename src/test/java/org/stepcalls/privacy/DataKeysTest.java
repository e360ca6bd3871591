package org.stepcalls.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.privacy.CryptoService.Purpose;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Crypto-shredding: once its key is gone, a copy of the ciphertext kept anywhere is useless. */
@QuarkusTest
class DataKeysTest {

    @Inject
    DataKeys dataKeys;

    @Test
    void ciphertextCopiedAsideCannotBeOpenedOnceItsKeyIsShredded() {
        long key = QuarkusTransaction.requiringNew().call(() -> dataKeys.create(OffsetDateTime.now()));
        byte[] copy = dataKeys.seal(key, "+447700900999", Purpose.CALLER_PHONE, 1);
        assertThat(dataKeys.open(key, copy, Purpose.CALLER_PHONE, 1)).isEqualTo("+447700900999");
        long other = QuarkusTransaction.requiringNew().call(() -> dataKeys.create(OffsetDateTime.now()));
        assertThatThrownBy(() -> dataKeys.open(other, copy, Purpose.CALLER_PHONE, 1)).isInstanceOf(IllegalStateException.class);

        QuarkusTransaction.requiringNew().run(() -> dataKeys.shred(key));

        assertThatThrownBy(() -> dataKeys.open(key, copy, Purpose.CALLER_PHONE, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shredded");
    }
}
