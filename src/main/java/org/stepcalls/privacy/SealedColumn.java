package org.stepcalls.privacy;

import java.util.List;

import org.stepcalls.privacy.CryptoService.Purpose;

/**
 * A column of sealed values that a feature keeps, so that {@link LegacyFormats} can re-seal values
 * of the format before key epochs without the privacy package knowing the feature. Names are code
 * constants, never input. {@code dataKeyId} is an SQL expression over the table's alias {@code t}
 * giving the data key the values are sealed under, or null for values under the master key.
 */
public record SealedColumn(String table, String rowColumn, String column, Purpose purpose, Purpose legacyPurpose,
        String dataKeyId) {

    public static SealedColumn underMasterKey(String table, String rowColumn, String column, Purpose purpose) {
        return new SealedColumn(table, rowColumn, column, purpose, purpose, null);
    }

    public static SealedColumn underDataKey(String table, String rowColumn, String column, Purpose purpose,
            Purpose legacyPurpose, String dataKeyId) {
        return new SealedColumn(table, rowColumn, column, purpose, legacyPurpose, dataKeyId);
    }

    /** Implemented by each feature that keeps sealed columns. */
    public interface Owner {
        List<SealedColumn> sealedColumns();
    }
}
