package org.stepcalls.volunteers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.PhoneNumbers;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * A list number as a helpliner dials it ({@link PhoneNumbers#display}), sealed beside the number
 * whenever the number is written, so that a contacts lookup opens one value per number and never
 * formats (libphonenumber was a tenth of a lookup's CPU). It is sealed under a purpose of its own,
 * so it never opens as the number itself, and tagged with the region it was formatted for: after a
 * change of {@code stepcalls.default-region} the number is formatted afresh, as before. Rows sealed
 * before the display form existed get theirs at startup ({@link #sealMissing}); until then, and for
 * any row without one, the number is opened and formatted.
 */
@ApplicationScoped
public class DisplayForms {

    /** The list's sealed numbers, each with the column of its display form. Names are code constants. */
    public enum ListNumber {
        VOLUNTEER("volunteers", "phone_cipher", "phone_display_cipher", Purpose.VOLUNTEER_PHONE,
                Purpose.VOLUNTEER_PHONE_DISPLAY),
        MEETING_CONTACT("meetings", "contact_phone_cipher", "contact_phone_display_cipher", Purpose.MEETING_CONTACT_PHONE,
                Purpose.MEETING_CONTACT_PHONE_DISPLAY);

        final String table;
        final String numberColumn;
        final String displayColumn;
        final Purpose numberPurpose;
        final Purpose displayPurpose;

        ListNumber(String table, String numberColumn, String displayColumn, Purpose numberPurpose, Purpose displayPurpose) {
            this.table = table;
            this.numberColumn = numberColumn;
            this.displayColumn = displayColumn;
            this.numberPurpose = numberPurpose;
            this.displayPurpose = displayPurpose;
        }
    }

    private static final Logger LOG = Logger.getLogger(DisplayForms.class);
    private static final char REGION_END = '|';
    static final int BATCH = 500;

    private final CryptoService crypto;
    private final PhoneNumbers phoneNumbers;
    private final AgroalDataSource dataSource;

    DisplayForms(CryptoService crypto, PhoneNumbers phoneNumbers, AgroalDataSource dataSource) {
        this.crypto = crypto;
        this.phoneNumbers = phoneNumbers;
        this.dataSource = dataSource;
    }

    /** The display form of {@code e164}, sealed for {@code row}: to be written with the number. */
    public byte[] seal(ListNumber number, String e164, long row) {
        return crypto.seal(phoneNumbers.region() + REGION_END + phoneNumbers.display(e164), number.displayPurpose, row);
    }

    /** How the number is shown: its sealed display form, or the number formatted when it has none for this region. */
    public String open(ListNumber number, byte[] displayCipher, byte[] numberCipher, long row) {
        if (displayCipher != null) {
            String tagged = crypto.open(displayCipher, number.displayPurpose, row);
            String tag = phoneNumbers.region() + REGION_END;
            if (tagged.startsWith(tag)) {
                return tagged.substring(tag.length());
            }
        }
        return phoneNumbers.display(crypto.open(numberCipher, number.numberPurpose, row));
    }

    /** Never stops the start: a lookup formats whatever is still without a display form, as it did before. */
    void sealMissingAtStartup(@Observes StartupEvent event) {
        for (ListNumber number : ListNumber.values()) {
            try {
                int sealed = sealMissing(number);
                if (sealed > 0) {
                    LOG.infof("Sealed the display form of %d numbers in %s", sealed, number.table);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Display forms of %s not sealed at startup (%s); lookups format those numbers", number.table,
                        e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Seals the display form of every number that has none, a batch at a time; returns how many.
     * A row whose number changed meanwhile is left to the write that changed it (it sealed its own);
     * one whose number does not open (a damaged value) is left without, and named by its id only.
     */
    int sealMissing(ListNumber number) {
        String select = "SELECT id, %2$s FROM %1$s WHERE %3$s IS NULL AND %2$s IS NOT NULL AND id > ? ORDER BY id LIMIT %4$d"
                .formatted(number.table, number.numberColumn, number.displayColumn, BATCH);
        String update = """
                UPDATE %1$s t SET %3$s = u.display FROM unnest(?::bigint[], ?::bytea[], ?::bytea[]) AS u(id, number, display)
                WHERE t.id = u.id AND t.%2$s = u.number AND t.%3$s IS NULL""".formatted(number.table, number.numberColumn,
                number.displayColumn);
        int sealed = 0;
        long after = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement next = connection.prepareStatement(select);
                PreparedStatement write = connection.prepareStatement(update)) {
            while (true) {
                List<Long> ids = new ArrayList<>();
                List<byte[]> numbers = new ArrayList<>();
                List<byte[]> displays = new ArrayList<>();
                int read = 0;
                next.setLong(1, after);
                try (ResultSet rows = next.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        byte[] cipher = rows.getBytes(2);
                        after = id;
                        read++;
                        try {
                            displays.add(seal(number, crypto.open(cipher, number.numberPurpose, id), id));
                        } catch (IllegalStateException e) {
                            LOG.warnf("The number of %s %d does not open; left without a display form", number.table, id);
                            continue;
                        }
                        ids.add(id);
                        numbers.add(cipher);
                    }
                }
                if (read == 0) {
                    return sealed;
                }
                if (!ids.isEmpty()) {
                    write.setArray(1, connection.createArrayOf("bigint", ids.toArray(new Long[0])));
                    write.setArray(2, connection.createArrayOf("bytea", numbers.toArray(new byte[0][])));
                    write.setArray(3, connection.createArrayOf("bytea", displays.toArray(new byte[0][])));
                    sealed += write.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seal the display forms of " + number.table, e);
        }
    }
}
