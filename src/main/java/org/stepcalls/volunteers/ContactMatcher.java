package org.stepcalls.volunteers;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.volunteers.DisplayForms.ListNumber;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

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
    /** Lookups kept at most: more than a helpline asks in {@link #KEPT_FOR} (a full one is about 12 KB). */
    static final int KEPT_AT_MOST = 200;
    /** How long a lookup is kept at most: also how long an erased volunteer's details may stay in memory. */
    static final Duration KEPT_FOR = Duration.ofMinutes(5);
    /** Twice {@link #KEPT_FOR}: a transaction ended this long ago is in every kept lookup's snapshot. */
    static final Duration SEEN_BY_ALL = KEPT_FOR.multipliedBy(2);
    /**
     * Whether no transaction that changed the list (V37's triggers record each one) has committed since
     * the kept snapshot: those not visible in it were running then ({@code xip}) or began later (from
     * {@code xmax} on), so both are probed straight from the index, however far back {@code xmin} lies.
     * The same server, and its transaction ids not gone back (a crash can hand out unwritten ones again).
     */
    private static final String UNCHANGED_SQL = """
            WITH kept AS (SELECT pg_snapshot_xmax(s) AS xmax, ARRAY(SELECT pg_snapshot_xip(s)) AS xip
                          FROM (SELECT ?::pg_snapshot AS s) given)
            SELECT pg_postmaster_start_time()::text = ? AND pg_snapshot_xmax(pg_current_snapshot()) >= kept.xmax
               AND NOT EXISTS (SELECT 1 FROM contact_list_changes c WHERE c.xid >= kept.xmax OR c.xid = ANY (kept.xip))
            FROM kept""";
    // the rows of one lookup, told apart (and ordered) by their kind; the caller's area's row says it exists
    private static final String AREA = "0 area";
    private static final String VOLUNTEER = "1 volunteer";
    private static final String MEETING = "2 meeting";
    /** {@code ('female'), ('male'), ('other')}: the sexes the schema allows, each ranked on its own. */
    private static final String SEXES = Arrays.stream(Sex.values()).map(sex -> "('" + sex.code() + "')")
            .collect(Collectors.joining(", "));
    private static final Map<RequestType, String> SQL = new EnumMap<>(RequestType.class);
    static {
        for (RequestType request : RequestType.values()) {
            SQL.put(request, sql(request));
        }
    }

    public record VolunteerContact(long id, String firstName, String sex, String area, double distanceKm, int cleanYears,
            boolean canPhone, boolean canVisit, String phone) {
    }

    public record MeetingContact(long id, String name, String area, String weekday, String time, double distanceKm,
            String contactName, String contactPhone) {
    }

    /** {@code indirectRoute} is set when no same-sex volunteer is local (R8). */
    public record Contacts(List<VolunteerContact> volunteers, List<MeetingContact> meetings, String warning,
            boolean sameSexNearby, String indirectRoute) {

        /** No one to show, and why: the page of a call read with an API key, which never reaches numbers. */
        public static Contacts withheld(String why) {
            return new Contacts(List.of(), List.of(), why, false, null);
        }
    }

    private final AgroalDataSource dataSource;
    private final DisplayForms displayForms;
    private final VolunteerSettings settings;
    /** The lookups read lately, by what was asked. */
    private final Map<Asked, Found> kept = new ConcurrentHashMap<>();
    /** The oldest running transaction at each purge run, oldest first (guarded by {@link #forgetChangesSeenBefore}). */
    private final Deque<Mark> marks = new ArrayDeque<>();
    private final AtomicLong reads = new AtomicLong();

    ContactMatcher(AgroalDataSource dataSource, DisplayForms displayForms, VolunteerSettings settings) {
        this.dataSource = dataSource;
        this.displayForms = displayForms;
        this.settings = settings;
    }

    /** For an area that exists (a call's, a chosen one). */
    public Contacts find(Area callerArea, Sex callerSex, RequestType request) {
        return find(callerArea.id, callerSex, request)
                .orElseThrow(() -> new IllegalStateException("Area " + callerArea.id + " was removed during the lookup"));
    }

    /** Empty when no area has that id. */
    public Optional<Contacts> find(long callerAreaId, Sex callerSex, RequestType request) {
        boolean welcome = request == RequestType.MEETING_WELCOME;
        LocalDate today = LocalDate.now();
        Asked asked = new Asked(request, callerAreaId, welcome ? 0 : settings.contactRadiusKm(),
                welcome ? today : settings.latestEligibleCleanDate(today), callerSex.code(), settings.contactRadiusKm());
        Optional<Found> found = found(asked);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<VolunteerContact> volunteers = found.get().volunteers().stream().map(row -> row.contact(today, displayForms)).toList();
        List<MeetingContact> meetings = found.get().meetings().stream().map(row -> row.contact(displayForms)).toList();
        boolean sameSexNearby = volunteers.stream()
                .anyMatch(v -> v.sex().equals(callerSex.code()) && v.distanceKm() <= settings.sameSexRadiusKm());
        String indirect = sameSexNearby || welcome ? null : indirectRoute(callerSex);
        return Optional.of(new Contacts(volunteers, meetings, R4_WARNING, sameSexNearby, indirect));
    }

    /**
     * The rows of a lookup: the kept ones while no transaction that changed the list has committed
     * since they were read (and they are younger than {@link #KEPT_FOR}), else read afresh. Numbers
     * stay sealed in what is kept; they are opened for each answer.
     */
    private Optional<Found> found(Asked asked) {
        try (Connection connection = dataSource.getConnection()) {
            Found kept = this.kept.get(asked);
            if (kept != null && kept.youngerThan(KEPT_FOR) && unchangedSince(connection, kept)) {
                return Optional.of(kept);
            }
            Optional<Found> found = read(connection, asked);
            if (found.isPresent() && found.get().keepable()) {
                if (this.kept.size() >= KEPT_AT_MOST) {
                    this.kept.clear();
                }
                this.kept.put(asked, found.get());
            } else if (kept != null) {
                this.kept.remove(asked, kept); // not one another thread has just kept
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Contact search failed", e);
        }
    }

    private static boolean unchangedSince(Connection connection, Found kept) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UNCHANGED_SQL)) {
            statement.setString(1, kept.snapshot());
            statement.setString(2, kept.server());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Every minute: kept rows past {@link #KEPT_FOR} go, so a volunteer who left is not held in memory on a quiet instance. */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldLookups() {
        kept.values().removeIf(found -> !found.youngerThan(KEPT_FOR));
    }

    /**
     * With each purge run: the changes of transactions that had ended before an earlier run at least
     * {@link #SEEN_BY_ALL} ago, which every kept lookup (younger than {@link #KEPT_FOR}) has seen.
     * Not by the rows' age: a transaction left open for days records its change when it begins.
     */
    @Scheduled(every = "${stepcalls.purge-every}", delayed = "3m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetSeenChanges() {
        forgetChangesSeenBefore(SEEN_BY_ALL);
    }

    /** Marks now; forgets the changes ended before the latest mark at least {@code age} old. */
    synchronized void forgetChangesSeenBefore(Duration age) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement mark = connection.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text");
                    ResultSet row = mark.executeQuery()) {
                row.next();
                marks.addLast(new Mark(row.getString(1), System.nanoTime()));
            }
            Mark seen = null;
            while (!marks.isEmpty() && System.nanoTime() - marks.peekFirst().atNanos() >= age.toNanos()) {
                seen = marks.pollFirst();
            }
            if (seen != null) {
                marks.addFirst(seen); // the next run may still need it, when its own are too young
                try (PreparedStatement forget = connection.prepareStatement("DELETE FROM contact_list_changes WHERE xid < ?::xid8")) {
                    forget.setString(1, seen.xmin());
                    forget.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Seen contact list changes not removed", e);
        }
    }

    private Optional<Found> read(Connection connection, Asked asked) throws SQLException {
        reads.incrementAndGet();
        List<VolunteerRow> volunteers = new ArrayList<>();
        List<MeetingRow> meetings = new ArrayList<>();
        String snapshot = null;
        String server = null;
        boolean keepable = false;
        try (PreparedStatement statement = connection.prepareStatement(SQL.get(asked.request()))) {
            int p = 0;
            statement.setLong(++p, asked.areaId());
            statement.setDouble(++p, asked.radiusKm());
            statement.setDate(++p, Date.valueOf(asked.cleanBy()));
            statement.setString(++p, asked.sex());
            statement.setDouble(++p, asked.meetingRadiusKm());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    switch (rows.getString("kind")) {
                        case AREA -> {
                            snapshot = rows.getString("snapshot");
                            server = rows.getString("server");
                            keepable = rows.getBoolean("keepable");
                        }
                        case VOLUNTEER -> volunteers.add(VolunteerRow.of(rows));
                        case MEETING -> meetings.add(MeetingRow.of(rows));
                        default -> throw new IllegalStateException("Unknown row kind");
                    }
                }
            }
        }
        return snapshot == null ? Optional.empty()
                : Optional.of(new Found(snapshot, server, keepable, System.nanoTime(), volunteers, meetings));
    }

    /**
     * One statement, one round trip: the caller's area, the volunteers, the meetings. Distances come
     * from {@code area_distance_km} (the same haversine as {@link Area#distanceKmTo}, see V23).
     *
     * <p>Planned once per connection, not per lookup: planning it took longer than running it (0.7 ms
     * against 0.5), and PostgreSQL keeps a prepared statement's generic plan only when it costs no
     * more than the plans made for each execution's values. So no estimate may depend on a value:
     * the limits are constants written into the text, and the values are read from the one row of
     * {@code asked}, which the planner estimates alike whatever they are (the clean-date cut-off given
     * as a value had its estimate track the date, and the generic plan never won). The JDBC driver prepares
     * it on the server from its fifth use on a connection; PostgreSQL settles on the generic plan
     * after five more ({@code ContactPlanTest}).
     */
    static String sql(RequestType request) {
        boolean welcome = request == RequestType.MEETING_WELCOME;
        // a welcome: members of the meeting's own area (0 km), whatever their clean time (see the class comment)
        // found not eligible, or wanting off the list, on a call: nobody rings them until a coordinator has settled it
        String noOpenTask = " AND NOT EXISTS (SELECT 1 FROM volunteer_tasks t WHERE t.volunteer_id = va.volunteer_id"
                + " AND t.done_at IS NULL AND t.kind <> 'send_list_form')";
        // the predicates of volunteer_areas_phone_idx / _visit_idx / _active_idx (V23): only the eligible are read
        String eligible = (welcome ? "va.active AND va.clean_date <= (SELECT clean_by FROM asked)"
                : "va.active AND va.guidelines_acknowledged AND va.clean_date <= (SELECT clean_by FROM asked) AND "
                        + (request == RequestType.VISIT ? "va.can_visit" : "va.can_phone")) + noOpenTask;
        // Per area in the radius and per sex, the first few straight from the index (least recently
        // asked first); the overall best are among them, because whoever ranks ahead of a volunteer
        // in their nearest area, among their sex, ranks ahead of them overall too. They are ranked on
        // the index's copies (sex, last asked: kept equal to the volunteer's by V20's triggers), and
        // only those listed are joined to their entries. The caller's sex ranks first (R8), so the
        // other sexes are read only when fewer of it than the list holds were found.
        // Every condition that takes someone out of matching belongs in `eligible`, before the LIMIT.
        String firstOfArea = """
                SELECT va.volunteer_id, va.sex, va.last_asked_at FROM volunteer_areas va
                WHERE va.area_id = w.area_id AND va.sex = %%s AND %s
                ORDER BY va.last_asked_at ASC NULLS FIRST, va.volunteer_id LIMIT %d""".formatted(eligible, MAX_VOLUNTEERS);
        return """
                WITH asked AS (SELECT ?::bigint AS area_id, ?::float8 AS radius, ?::date AS clean_by, ?::text AS sex,
                                      ?::float8 AS meeting_radius),
                caller AS (SELECT id, latitude, longitude FROM areas WHERE id = (SELECT area_id FROM asked)),
                d AS (SELECT a.id AS area_id, area_distance_km(caller.latitude, caller.longitude, a.latitude, a.longitude) AS km
                      FROM caller CROSS JOIN areas a),
                within AS (SELECT area_id, km FROM d WHERE km <= (SELECT radius FROM asked)),
                same_sex AS (
                    SELECT c.volunteer_id, c.sex, c.last_asked_at, w.km
                    FROM within w CROSS JOIN LATERAL (%1$s) c),
                candidates AS (
                    SELECT * FROM same_sex
                    UNION ALL
                    SELECT c.volunteer_id, c.sex, c.last_asked_at, w.km
                    FROM within w
                    CROSS JOIN (VALUES %5$s) AS s(sex)
                    CROSS JOIN LATERAL (%8$s) c
                    WHERE s.sex <> (SELECT sex FROM asked)
                      -- the other sexes rank after all of the caller's: read only while those are too few to fill the list
                      AND (SELECT count(DISTINCT volunteer_id) FROM same_sex) < %6$d),
                near AS (SELECT volunteer_id, sex, last_asked_at, min(km) AS km FROM candidates
                         GROUP BY volunteer_id, sex, last_asked_at),
                ranked AS (SELECT volunteer_id, km, row_number() OVER (ORDER BY (sex = (SELECT sex FROM asked)) DESC, round(km::numeric, 1),
                                                                        last_asked_at ASC NULLS FIRST, volunteer_id) AS rank
                           FROM near ORDER BY rank LIMIT %6$d), -- the limit tells the planner how few are joined below
                volunteers AS (
                    SELECT v.id, v.first_name, v.sex, home.name AS area, ranked.km, v.clean_date, v.can_phone, v.can_visit,
                           v.phone_cipher, v.phone_display_cipher, ranked.rank
                    FROM ranked
                    JOIN volunteers v ON v.id = ranked.volunteer_id
                    JOIN areas home ON home.id = v.home_area_id
                    WHERE ranked.rank <= %6$d),
                meetings AS (
                    SELECT m.id, m.name, a.name AS area, m.weekday, to_char(m.starts_at, 'HH24:MI') AS starts_at, d.km,
                           m.contact_name, m.contact_phone_cipher, m.contact_phone_display_cipher,
                           row_number() OVER (ORDER BY d.km, m.id) AS rank
                    FROM meetings m
                    JOIN areas a ON a.id = m.area_id
                    JOIN d ON d.area_id = m.area_id
                    WHERE m.contact_name IS NOT NULL AND d.km <= (SELECT meeting_radius FROM asked)
                      -- R13: a contact whose number left the list is offered to nobody while a coordinator checks it
                      AND NOT EXISTS (SELECT 1 FROM volunteer_tasks t WHERE t.meeting_id = m.id AND t.done_at IS NULL))
                SELECT '%2$s' AS kind, 0 AS rank, id, NULL AS name, NULL AS sex, NULL AS area, NULL::float8 AS km,
                       NULL::date AS clean_date, NULL::boolean AS can_phone, NULL::boolean AS can_visit, NULL AS weekday,
                       NULL AS starts_at, NULL AS contact_name, NULL::bytea AS cipher, NULL::bytea AS display_cipher,
                       -- the statement's own snapshot (see found); inside a transaction that wrote, not kept
                       pg_current_snapshot()::text AS snapshot, pg_postmaster_start_time()::text AS server,
                       pg_current_xact_id_if_assigned() IS NULL AS keepable
                FROM caller
                UNION ALL
                SELECT '%3$s', rank, id, first_name, sex, area, km, clean_date, can_phone, can_visit, NULL, NULL, NULL, phone_cipher,
                       phone_display_cipher, NULL, NULL, NULL
                FROM volunteers
                UNION ALL
                SELECT '%4$s', rank, id, name, NULL, area, km, NULL, NULL, NULL, weekday, starts_at, contact_name, contact_phone_cipher,
                       contact_phone_display_cipher, NULL, NULL, NULL
                FROM meetings WHERE rank <= %7$d
                ORDER BY kind, rank""".formatted(firstOfArea.formatted("(SELECT sex FROM asked)"), AREA, VOLUNTEER, MEETING, SEXES,
                MAX_VOLUNTEERS, MAX_MEETINGS, firstOfArea.formatted("s.sex"));
    }

    private record Mark(String xmin, long atNanos) {
    }

    /** What a lookup was asked: the statement's values, so that a change of settings is a different lookup. */
    private record Asked(RequestType request, long areaId, double radiusKm, LocalDate cleanBy, String sex,
            double meetingRadiusKm) {
    }

    /**
     * A lookup's rows, with the snapshot they were read in and the server that read them (a database
     * restored into a new server counts its transactions afresh). Not keepable when read by a
     * transaction that has written something: its own changes are not told apart in its snapshot.
     */
    private record Found(String snapshot, String server, boolean keepable, long readAtNanos, List<VolunteerRow> volunteers,
            List<MeetingRow> meetings) {

        boolean youngerThan(Duration age) {
            return System.nanoTime() - readAtNanos < age.toNanos();
        }
    }

    /** A volunteer as read, the number still sealed; clean years are counted on the day of each answer. */
    private record VolunteerRow(long id, String firstName, String sex, String area, double distanceKm, LocalDate cleanDate,
            boolean canPhone, boolean canVisit, byte[] displayCipher, byte[] cipher) {

        static VolunteerRow of(ResultSet row) throws SQLException {
            return new VolunteerRow(row.getLong("id"), row.getString("name"), row.getString("sex"), row.getString("area"),
                    round(row.getDouble("km")), row.getDate("clean_date").toLocalDate(), row.getBoolean("can_phone"),
                    row.getBoolean("can_visit"), row.getBytes("display_cipher"), row.getBytes("cipher"));
        }

        VolunteerContact contact(LocalDate today, DisplayForms displayForms) {
            return new VolunteerContact(id, firstName, sex, area, distanceKm, Period.between(cleanDate, today).getYears(),
                    canPhone, canVisit, displayForms.open(ListNumber.VOLUNTEER, displayCipher, cipher, id));
        }
    }

    private record MeetingRow(long id, String name, String area, String weekday, String startsAt, double distanceKm,
            String contactName, byte[] displayCipher, byte[] cipher) {

        static MeetingRow of(ResultSet row) throws SQLException {
            return new MeetingRow(row.getLong("id"), row.getString("name"), row.getString("area"), row.getString("weekday"),
                    row.getString("starts_at"), round(row.getDouble("km")), row.getString("contact_name"),
                    row.getBytes("display_cipher"), row.getBytes("cipher"));
        }

        /** Opened, never formatted: the display form was sealed with the number ({@link DisplayForms}). */
        MeetingContact contact(DisplayForms displayForms) {
            return new MeetingContact(id, name, area, weekday, startsAt, distanceKm, contactName,
                    displayForms.open(ListNumber.MEETING_CONTACT, displayCipher, cipher, id));
        }
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

    /** How many lookups were read from the tables rather than served from kept ones: tests ask. */
    public long reads() {
        return reads.get();
    }
}
