package org.stepcalls.privacy;

import org.stepcalls.platform.web.ApiException;

/**
 * A living call's epoch key is not in the keyring (lost, or a keyring of another master key): its
 * caller's details cannot be opened. A 409 with a sentence that says so and who can mend it — a
 * state of the service, not a fault in the request and not a crash — while the rest of the forum
 * goes on working.
 */
public class EpochKeyMissing extends ApiException {

    EpochKeyMissing(KeyEpoch epoch) {
        super(409, "epoch_key_missing", "The caller's details of this call cannot be opened: the key of its week ("
                + epoch.name() + ") is missing from the keyring or does not open with this master key. Ask the "
                + "service's admin to restore the keyring (STEPCALLS_KEYRING_DIR). The rest of the forum works as usual.");
    }
}
