package org.stepcalls.volunteers;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.stepcalls.forum.Permissions;
import org.stepcalls.platform.security.Viewer;
import org.stepcalls.platform.web.ApiException;
import org.stepcalls.privacy.AuditLog;
import org.stepcalls.privacy.AuditLog.Action;
import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.PhoneNumbers;
import org.stepcalls.volunteers.DisplayForms.ListNumber;

import io.agroal.api.AgroalDataSource;

/**
 * Imports an existing list from CSV, all or nothing: every line is checked first, and if any is
 * rejected nothing is written and each rejected line is reported with its reason. Reasons never
 * quote the line (it holds a number).
 */
@ApplicationScoped
public class CsvImport {

    public static final List<String> HEADER = List.of("firstName", "phone", "sex", "area", "cleanDate", "canPhone", "canVisit");
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_ROWS = 10_000;
    static final int MAX_REPORTED = 200;

    public record Rejection(long line, String reason) {
    }

    /** {@code imported} is 0 whenever anything was rejected. */
    public record Result(int imported, List<Rejection> rejected) {
    }

    private record Row(String firstName, String phone, Sex sex, Area area, LocalDate cleanDate, boolean canPhone,
            boolean canVisit) {
    }

    private final Permissions permissions;
    private final PhoneNumbers phoneNumbers;
    private final CryptoService crypto;
    private final AuditLog audit;
    private final AgroalDataSource dataSource;
    private final ListNames names;
    private final DisplayForms displayForms;

    CsvImport(Permissions permissions, PhoneNumbers phoneNumbers, CryptoService crypto, AuditLog audit,
            AgroalDataSource dataSource, ListNames names, DisplayForms displayForms) {
        this.names = names;
        this.displayForms = displayForms;
        this.permissions = permissions;
        this.phoneNumbers = phoneNumbers;
        this.crypto = crypto;
        this.audit = audit;
        this.dataSource = dataSource;
    }

    /**
     * @param guidelinesAcknowledged the coordinator confirms everyone on the list has acknowledged
     *        the guidelines (R6); otherwise they are imported but not yet eligible
     */
    @Transactional
    public Result importCsv(Viewer viewer, byte[] file, boolean guidelinesAcknowledged) {
        if (!permissions.canManageList(viewer)) {
            throw ApiException.forbidden("Only coordinators import the 12th Step list.");
        }
        List<CSVRecord> records = parse(decode(file));
        Map<String, Area> areas = new HashMap<>();
        Area.<Area> listAll().forEach(a -> areas.put(a.name.toLowerCase(), a));
        Set<ByteBuffer> listed = new HashSet<>();
        Volunteer.getEntityManager().createQuery("select v.phoneIndex from Volunteer v", byte[].class).getResultStream()
                .forEach(index -> listed.add(ByteBuffer.wrap(index)));

        List<Row> rows = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        Map<String, Long> firstLineOfNumber = new HashMap<>();
        for (CSVRecord record : records) {
            long line = record.getRecordNumber();
            try {
                Row row = row(record, areas);
                Long earlier = firstLineOfNumber.putIfAbsent(row.phone(), line);
                if (earlier != null) {
                    throw new IllegalArgumentException("the same number as line " + earlier);
                }
                if (listed.contains(ByteBuffer.wrap(crypto.blindIndex(row.phone(), Purpose.VOLUNTEER_PHONE)))) {
                    throw new IllegalArgumentException("this number is already on the list");
                }
                rows.add(row);
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejection(line, e.getMessage()));
            }
        }
        if (!rejected.isEmpty()) {
            return new Result(0, rejected.subList(0, Math.min(MAX_REPORTED, rejected.size())));
        }
        insert(rows, guidelinesAcknowledged ? LocalDate.now() : null);
        audit.recordListChange(viewer.accountId(), Action.VOLUNTEERS_IMPORTED, null, null);
        return new Result(rows.size(), List.of());
    }

    private static String decode(byte[] file) {
        if (file == null || file.length == 0) {
            throw ApiException.invalidField("file", "The file is empty.");
        }
        if (file.length > MAX_BYTES) {
            throw ApiException.invalidField("file", "The file is larger than 1 MB; split it into smaller files.");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw ApiException.invalidField("file", "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.");
        }
    }

    private static List<CSVRecord> parse(String text) {
        try (CSVParser parser = CSVParser.parse(new StringReader(text),
                CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get())) {
            List<CSVRecord> records = new ArrayList<>();
            for (CSVRecord record : parser) {
                records.add(record);
                if (records.size() > MAX_ROWS + 1) {
                    throw ApiException.invalidField("file", "The file has more than " + MAX_ROWS + " rows; split it.");
                }
            }
            if (records.isEmpty()) {
                throw ApiException.invalidField("file", "The file is empty.");
            }
            List<String> header = records.get(0).toList().stream().map(String::strip).toList();
            if (!header.equals(HEADER)) {
                throw ApiException.invalidField("file", "The first line must be exactly: " + String.join(",", HEADER) + ".");
            }
            if (records.size() == 1) {
                throw ApiException.invalidField("file", "The file has a header but no volunteers.");
            }
            return records.subList(1, records.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw ApiException.invalidField("file", "The file is not readable CSV (check its quotes).");
        }
    }

    private Row row(CSVRecord record, Map<String, Area> areas) {
        if (record.size() != HEADER.size()) {
            throw new IllegalArgumentException("expected " + HEADER.size() + " fields, found " + record.size());
        }
        String firstName = record.get(0);
        if (!VolunteerList.FIRST_NAME.matcher(firstName).matches()) {
            throw new IllegalArgumentException("firstName must be letters only, up to 40 characters");
        }
        if (names.holdsContactDetails(firstName)) {
            throw new IllegalArgumentException("firstName holds a phone number or an e-mail address");
        }
        String phone = phoneNumbers.normalise(record.get(1))
                .orElseThrow(() -> new IllegalArgumentException("phone is not a phone number that can be rung"));
        Sex sex = Sex.parse(record.get(2)).orElseThrow(() -> new IllegalArgumentException("sex must be female, male or other"));
        Area area = areas.get(record.get(3).toLowerCase());
        if (area == null) {
            throw new IllegalArgumentException("area is not a known area");
        }
        LocalDate cleanDate;
        try {
            cleanDate = LocalDate.parse(record.get(4));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cleanDate must be a date such as 2019-03-14");
        }
        if (cleanDate.isAfter(LocalDate.now()) || cleanDate.isBefore(VolunteerList.EARLIEST_CLEAN_DATE)) {
            throw new IllegalArgumentException("cleanDate cannot be in the future");
        }
        boolean canPhone = bool(record.get(5), "canPhone");
        boolean canVisit = bool(record.get(6), "canVisit");
        if (!canPhone && !canVisit) {
            throw new IllegalArgumentException("canPhone and canVisit cannot both be false");
        }
        return new Row(firstName, phone, sex, area, cleanDate, canPhone, canVisit);
    }

    private static boolean bool(String value, String field) {
        return switch (value.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(field + " must be true or false");
        };
    }

    /**
     * One statement for all rows: encrypted numbers in, coverage of the home area alongside. The ids
     * are taken first, since each sealed number is bound to its row's id.
     */
    private void insert(List<Row> rows, LocalDate acknowledgedOn) {
        int n = rows.size();
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, rows, ids(connection, n), acknowledgedOn);
        } catch (SQLException e) {
            throw new IllegalStateException("Import failed while writing; nothing was saved", e);
        }
    }

    private static Long[] ids(Connection connection, int n) throws SQLException {
        Long[] ids = new Long[n];
        try (PreparedStatement next = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('volunteers', 'id')) FROM generate_series(1, ?)")) {
            next.setInt(1, n);
            try (ResultSet rows = next.executeQuery()) {
                for (int i = 0; rows.next(); i++) {
                    ids[i] = rows.getLong(1);
                }
            }
        }
        return ids;
    }

    private void insert(Connection connection, List<Row> rows, Long[] ids, LocalDate acknowledgedOn) throws SQLException {
        int n = rows.size();
        String[] names = new String[n];
        byte[][] ciphers = new byte[n][];
        byte[][] displays = new byte[n][];
        byte[][] indexes = new byte[n][];
        String[] sexes = new String[n];
        Long[] areaIds = new Long[n];
        Date[] cleanDates = new Date[n];
        Boolean[] phones = new Boolean[n];
        Boolean[] visits = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            names[i] = row.firstName();
            ciphers[i] = crypto.seal(row.phone(), Purpose.VOLUNTEER_PHONE, ids[i]);
            displays[i] = displayForms.seal(ListNumber.VOLUNTEER, row.phone(), ids[i]);
            indexes[i] = crypto.blindIndex(row.phone(), Purpose.VOLUNTEER_PHONE);
            sexes[i] = row.sex().code();
            areaIds[i] = row.area().id;
            cleanDates[i] = Date.valueOf(row.cleanDate());
            phones[i] = row.canPhone();
            visits[i] = row.canVisit();
        }
        String sql = """
                WITH inserted AS (
                    INSERT INTO volunteers (id, first_name, phone_cipher, phone_index, sex, home_area_id, clean_date, can_phone,
                                            can_visit, guidelines_acknowledged_on, form_received, active, created_at, updated_at,
                                            phone_display_cipher)
                    SELECT i, f, pc, pi, s, a, c, cp, cv, ?, false, true, now(), now(), pd
                    FROM unnest(?::bigint[], ?::text[], ?::bytea[], ?::bytea[], ?::text[], ?::bigint[], ?::date[], ?::boolean[],
                                ?::boolean[], ?::bytea[]) AS t(i, f, pc, pi, s, a, c, cp, cv, pd)
                    RETURNING id, home_area_id)
                INSERT INTO volunteer_areas (volunteer_id, area_id) SELECT id, home_area_id FROM inserted""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDate(1, acknowledgedOn == null ? null : Date.valueOf(acknowledgedOn));
            statement.setArray(2, connection.createArrayOf("bigint", ids));
            statement.setArray(3, connection.createArrayOf("text", names));
            statement.setArray(4, connection.createArrayOf("bytea", ciphers));
            statement.setArray(5, connection.createArrayOf("bytea", indexes));
            statement.setArray(6, connection.createArrayOf("text", sexes));
            statement.setArray(7, connection.createArrayOf("bigint", areaIds));
            statement.setArray(8, connection.createArrayOf("date", cleanDates));
            statement.setArray(9, connection.createArrayOf("boolean", phones));
            statement.setArray(10, connection.createArrayOf("boolean", visits));
            statement.setArray(11, connection.createArrayOf("bytea", displays));
            statement.executeUpdate();
        }
    }
}
