package org.stepcalls.calls;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.SealedColumn;

/** The calls board's sealed columns, for the privacy package to re-seal data of the format before key epochs. */
@ApplicationScoped
class CallCiphers implements SealedColumn.Owner {

    @Override
    public List<SealedColumn> sealedColumns() {
        String recordKey = "(SELECT c.data_key_id FROM calls c WHERE c.topic_id = t.call_id)";
        return List.of(callColumn("caller_name_cipher", Purpose.CALLER_NAME), callColumn("caller_phone_cipher", Purpose.CALLER_PHONE),
                callColumn("notes_cipher", Purpose.CALL_NOTES),
                // before key epochs a templated post's notes were sealed as the call's notes
                SealedColumn.underDataKey("call_records", "post_id", "notes_cipher", Purpose.STEP_NOTES, Purpose.CALL_NOTES,
                        recordKey));
    }

    private static SealedColumn callColumn(String column, Purpose purpose) {
        return SealedColumn.underDataKey("calls", "topic_id", column, purpose, purpose, "t.data_key_id");
    }
}
