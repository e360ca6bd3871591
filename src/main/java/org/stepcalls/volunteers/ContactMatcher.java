package org.stepcalls.volunteers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.privacy.CryptoService;
import org.stepcalls.privacy.CryptoService.Purpose;
import org.stepcalls.privacy.PhoneNumbers;

import io.agroal.api.AgroalDataSource;

/**
 * Who near a caller can help (R5, R6, R8): eligible volunteers only — enough clean time, guidelines
 * acknowledged, active, able to do what was asked — within the contact radius; same sex first,
 * then nearest (by the closest area each covers), then whoever was asked least recently; and the
 * nearest meetings' contacts.
 *
 * <p>A welcome at a meeting's door is the procedure's lighter request ("not so crucial"): for it the
 * area is the meeting's, and every active list member who covers that area is listed, same sex
 * first — no radius, no minimum clean time, no guidelines or phone/visit filter. The helpliner
 * still asks whether they are up for it (the attempt needs "willing" to be accepted).
 */
@ApplicationScoped
public class ContactMatcher {

    public static final String R4_WARNING = "NEVER give a member's number to the caller. Ring the volunteer or meeting "
            + "contact yourself and ask them to call the caller.";
    static final int MAX_VOLUNTEERS = 20;
    static final int MAX_MEETINGS = 10;

    public record VolunteerContact(long id, String firstName, String sex, String area, double distanceKm, int cleanYears,
            boolean canPhone, boolean canVisit, String phone) {
    }

    public record MeetingContact(long id, String name, String area, String weekday, String time, double distanceKm,
            String contactName, String contactPhone) {
    }

    /** {@code indirectRoute} is set when no same-sex volunteer is local (R8). */
    public record Contacts(List<VolunteerContact> volunteers, List<MeetingContact> meetings, String warning,
            boolean sameSexNearby, String indirectRoute) {
    }

    private final AgroalDataSource dataSource;
    private final CryptoService crypto;
    private final PhoneNumbers phoneNumbers;
    private final VolunteerSettings settings;

    ContactMatcher(AgroalDataSource dataSource, CryptoService crypto, PhoneNumbers phoneNumbers, VolunteerSettings settings) {
        this.dataSource = dataSource;
        this.crypto = crypto;
        this.phoneNumbers = phoneNumbers;
        this.settings = settings;
    }

    public Contacts find(Area callerArea, Sex callerSex, RequestType request) {
        List<Area> areas = Area.listAll();
        Long[] areaIds = new Long[areas.size()];
        Double[] distances = new Double[areas.size()];
        for (int i = 0; i < areas.size(); i++) {
            areaIds[i] = areas.get(i).id;
            distances[i] = callerArea.distanceKmTo(areas.get(i));
        }
        try (Connection connection = dataSource.getConnection()) {
            Array ids = connection.createArrayOf("bigint", areaIds);
            Array kms = connection.createArrayOf("float8", distances);
            List<VolunteerContact> volunteers = volunteers(connection, ids, kms, callerSex, request);
            List<MeetingContact> meetings = meetings(connection, ids, kms);
            boolean sameSexNearby = volunteers.stream()
                    .anyMatch(v -> v.sex().equals(callerSex.code()) && v.distanceKm() <= settings.sameSexRadiusKm());
            String indirect = sameSexNearby || request == RequestType.MEETING_WELCOME ? null : indirectRoute(callerSex);
            return new Contacts(volunteers, meetings, R4_WARNING, sameSexNearby, indirect);
        } catch (SQLException e) {
            throw new IllegalStateException("Contact search failed", e);
        }
    }

    private List<VolunteerContact> volunteers(Connection connection, Array ids, Array kms, Sex sex, RequestType request)
            throws SQLException {
        boolean welcome = request == RequestType.MEETING_WELCOME;
        // a welcome: members of the meeting's own area (0 km), whatever their clean time (see the class comment)
        // found not eligible, or wanting off the list, on a call: nobody rings them until a coordinator has settled it
        String noOpenTask = " AND NOT EXISTS (SELECT 1 FROM volunteer_tasks t WHERE t.volunteer_id = va.volunteer_id"
                + " AND t.done_at IS NULL AND t.kind <> 'send_list_form')";
        String eligible = (welcome ? "va.active AND va.clean_date <= ?"
                : "va.active AND va.guidelines_acknowledged AND va.clean_date <= ? AND "
                        + (request == RequestType.VISIT ? "va.can_visit" : "va.can_phone")) + noOpenTask;
        // Per area in the radius, the first few of each sex group straight from volunteer_areas_ranked_idx
        // (least recently asked first); the overall best are among them, because whoever ranks ahead of
        // a volunteer in their nearest area ranks ahead of them overall too. Only those few are joined.
        // Every condition that takes someone out of matching belongs in `eligible`, before the LIMITs.
        String sql = """
                WITH d AS (SELECT * FROM unnest(?::bigint[], ?::float8[]) AS d(area_id, km) WHERE km <= ?),
                candidates AS (
                    SELECT c.volunteer_id, d.km
                    FROM d CROSS JOIN LATERAL (
                        (SELECT va.volunteer_id FROM volunteer_areas va
                         WHERE va.area_id = d.area_id AND va.sex = ? AND %1$s
                         ORDER BY va.last_asked_at ASC NULLS FIRST, va.volunteer_id LIMIT ?)
                        UNION ALL
                        (SELECT va.volunteer_id FROM volunteer_areas va
                         WHERE va.area_id = d.area_id AND va.sex <> ? AND %1$s
                         ORDER BY va.last_asked_at ASC NULLS FIRST, va.volunteer_id LIMIT ?)) c),
                near AS (SELECT volunteer_id, min(km) AS km FROM candidates GROUP BY volunteer_id)
                SELECT v.id, v.first_name, v.sex, home.name, near.km, v.clean_date, v.can_phone, v.can_visit, v.phone_cipher
                FROM near
                JOIN volunteers v ON v.id = near.volunteer_id
                JOIN areas home ON home.id = v.home_area_id
                ORDER BY (v.sex = ?) DESC, round(near.km::numeric, 1), v.last_asked_at ASC NULLS FIRST, v.id
                LIMIT ?""".formatted(eligible);
        LocalDate today = LocalDate.now();
        Date cleanBy = Date.valueOf(welcome ? today : settings.latestEligibleCleanDate(today));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int p = 0;
            statement.setArray(++p, ids);
            statement.setArray(++p, kms);
            statement.setDouble(++p, welcome ? 0 : settings.contactRadiusKm());
            for (int group = 0; group < 2; group++) { // same sex, then the others
                statement.setString(++p, sex.code());
                statement.setDate(++p, cleanBy);
                statement.setInt(++p, MAX_VOLUNTEERS);
            }
            statement.setString(++p, sex.code());
            statement.setInt(++p, MAX_VOLUNTEERS);
            List<VolunteerContact> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    LocalDate cleanDate = rows.getDate(6).toLocalDate();
                    found.add(new VolunteerContact(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            round(rows.getDouble(5)), Period.between(cleanDate, today).getYears(), rows.getBoolean(7),
                            rows.getBoolean(8), phone(rows.getBytes(9), Purpose.VOLUNTEER_PHONE, rows.getLong(1))));
                }
            }
            return found;
        }
    }

    private List<MeetingContact> meetings(Connection connection, Array ids, Array kms) throws SQLException {
        String sql = """
                SELECT m.id, m.name, a.name, m.weekday, to_char(m.starts_at, 'HH24:MI'), d.km, m.contact_name,
                       m.contact_phone_cipher
                FROM meetings m
                JOIN areas a ON a.id = m.area_id
                JOIN unnest(?::bigint[], ?::float8[]) AS d(area_id, km) ON d.area_id = m.area_id
                WHERE m.contact_name IS NOT NULL AND d.km <= ?
                ORDER BY d.km, m.id
                LIMIT ?""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, ids);
            statement.setArray(2, kms);
            statement.setDouble(3, settings.contactRadiusKm());
            statement.setInt(4, MAX_MEETINGS);
            List<MeetingContact> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new MeetingContact(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), round(rows.getDouble(6)), rows.getString(7),
                            phone(rows.getBytes(8), Purpose.MEETING_CONTACT_PHONE, rows.getLong(1))));
                }
            }
            return found;
        }
    }

    private String phone(byte[] sealed, Purpose purpose, long row) {
        return phoneNumbers.display(crypto.open(sealed, purpose, row));
    }

    private String indirectRoute(Sex callerSex) {
        return "No " + (callerSex == Sex.OTHER ? "suitable" : callerSex.code()) + " volunteer within "
                + Math.round(settings.sameSexRadiusKm()) + " km. You may ask a 12th stepper whether they know a suitable "
                + "member of the opposite sex: that person is given YOUR number and calls you. Log it as an indirect "
                + "contact; their number is never recorded unless they join the list.";
    }

    private static double round(double km) {
        return Math.round(km * 10) / 10.0;
    }
}
