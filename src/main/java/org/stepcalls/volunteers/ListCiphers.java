package org.stepcalls.volunteers;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.SealedColumn;

/** The list's sealed numbers, for the privacy package to re-seal data of the format before key epochs. */
@ApplicationScoped
class ListCiphers implements SealedColumn.Owner {

    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(SealedColumn.underMasterKey("volunteers", "id", "phone_cipher", Purpose.VOLUNTEER_PHONE),
                SealedColumn.underMasterKey("meetings", "id", "contact_phone_cipher", Purpose.MEETING_CONTACT_PHONE));
    }
}
