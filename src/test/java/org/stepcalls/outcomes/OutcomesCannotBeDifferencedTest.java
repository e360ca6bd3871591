package org.stepcalls.outcomes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * R20 as an attacker tries it: ask overlapping ranges at every grouping, then add and subtract
 * every number released, and see whether any derived figure is a true count below 5 that was
 * suppressed. The test planted the records, so it knows every true count.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomesCannotBeDifferencedTest {

    private static final int YEAR = 2033; // a year no other test plants outcomes in
    private static final String REGION = "Differshire";
    /**
     * True calls per week of 2033-W01…W13, for two groups; the first has weeks of 1–4 in every month,
     * and every other call of it was a same-sex match; every declined call was one.
     */
    private static final int[] PHONED = { 6, 3, 5, 7, 0, 2, 5, 5, 6, 1, 8, 5, 4 };
    private static final int[] DECLINED = { 5, 5, 6, 5, 5, 7, 5, 5, 5, 9, 5, 5, 5 };
    /** Every true count the answers could be about: calls, and among them same-sex matches and the others. */
    private static final Map<String, int[]> TRUTH = Map.of(
            "volunteer_phoned", PHONED, "caller_declined", DECLINED,
            "volunteer_phoned:matched", perWeek(PHONED, n -> (n + 1) / 2),
            "volunteer_phoned:unmatched", perWeek(PHONED, n -> n / 2),
            "caller_declined:matched", DECLINED, "caller_declined:unmatched", new int[13]);
    private static final List<String[]> RANGES = List.of(new String[] { "01", "13" }, new String[] { "02", "13" },
            new String[] { "01", "05" }, new String[] { "03", "09" }, new String[] { "02", "02" },
            new String[] { "06", "13" }, new String[] { "01", "12" }, new String[] { "10", "10" });

    private final ForumApiClient member = new ForumApiClient(TestUsers.member("dora"));

    /** A number some answer gave: for a group (outcome) and a set of weeks. */
    record Released(String outcome, Set<Integer> weeks, int value, String from) {
    }

    @Inject
    EntityManager entityManager;

    @BeforeAll
    void plant() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int week = 1; week <= 13; week++) {
                plant(week, "phone", "volunteer_phoned", PHONED[week - 1], true);
                plant(week, "visit", "caller_declined", DECLINED[week - 1], false);
            }
        });
    }

    @Test
    void noSumOrDifferenceOfReleasedNumbersIsASuppressedSmallCount() { // R20
        List<Released> released = new ArrayList<>();
        for (String[] range : RANGES) {
            for (String by : List.of("week", "month", "quarter")) {
                released.addAll(fromApi(range, by));
            }
            released.addAll(fromChart(range));
        }
        assertThat(released).extracting(Released::from).contains("week", "month", "quarter", "chart", "rate");
        assertThat(leaks(released)).isEmpty();
        // the same attack on a release that suppresses each figure on its own finds the small weeks
        assertThat(leaks(naiveRelease())).isNotEmpty();
    }

    @Test
    void monthsAndQuartersWithoutSmallWeeksGiveTheirCountAndTheOthersSayWhatTheyLeaveOut() { // R20
        List<Map<String, Object>> months = member.get("/api/outcomes?from=2033-W01&to=2033-W13&by=month").statusCode(200)
                .extract().jsonPath().getList("months");
        assertThat(row(months, "2033-02", "caller_declined")).containsEntry("count", 22); // W06–W09, all at least 5
        assertThat(row(months, "2033-02", "caller_declined").get("medianHoursToClose")).isNotNull();
        assertThat(row(months, "2033-02", "caller_declined")).containsEntry("sameSexMatchRate", 1.0f);
        List<Map<String, Object>> weeks = member.get("/api/outcomes?from=2033-W01&to=2033-W01").statusCode(200)
                .extract().jsonPath().getList("weeks");
        // 6 calls, 3 of them same-sex matches: the rate would give away a 3, so it is withheld
        assertThat(row(weeks, "2033-W01", "volunteer_phoned")).containsEntry("count", 6).containsEntry("sameSexMatchRate", null);
        assertThat(row(months, "2033-01", "volunteer_phoned")).containsEntry("count", "18 + <5 more")
                .containsEntry("medianHoursToClose", null).containsEntry("sameSexMatchRate", null);
        assertThat(row(months, "2033-03", "volunteer_phoned")).containsEntry("count", "13 + 2 groups of <5");
        List<Map<String, Object>> quarters = member.get("/api/outcomes?from=2033-W05&to=2033-W05&by=quarter")
                .statusCode(200).extract().jsonPath().getList("quarters");
        assertThat(row(quarters, "2033-Q1", "caller_declined")).containsEntry("count", 72); // widened to the whole quarter
        Document page = chart(new String[] { "02", "13" });
        assertThat(page.select("svg.chart text").eachText()).contains("A volunteer phoned: 41 + 4 groups of <5");
    }

    /** Every figure worked out by subtracting released numbers within one group, that is exact and below 5. */
    private static List<String> leaks(List<Released> released) {
        Map<String, List<Released>> byGroup = new HashMap<>();
        released.forEach(r -> byGroup.computeIfAbsent(r.outcome(), k -> new ArrayList<>()).add(r));
        List<String> leaks = new ArrayList<>();
        byGroup.forEach((outcome, numbers) -> {
            int[] truth = TRUTH.get(outcome);
            Map<Integer, Integer> weekly = new HashMap<>();
            numbers.stream().filter(n -> n.weeks().size() == 1).forEach(n -> weekly.put(n.weeks().iterator().next(), n.value()));
            for (Released whole : numbers) {
                List<Released> derived = new ArrayList<>();
                // the whole minus each released part, then minus every released week left in it
                for (Released part : numbers) {
                    if (part != whole && whole.weeks().containsAll(part.weeks()) && !part.weeks().equals(whole.weeks())) {
                        derived.add(minus(whole, part));
                    }
                }
                derived.add(whole);
                for (Released d : List.copyOf(derived)) {
                    Released rest = d;
                    for (int week : d.weeks()) {
                        if (weekly.containsKey(week) && rest.weeks().size() > 1) {
                            rest = minus(rest, new Released(outcome, Set.of(week), weekly.get(week), "week"));
                        }
                    }
                    derived.add(rest);
                }
                for (Released d : derived) {
                    int trueCount = d.weeks().stream().mapToInt(w -> truth[w - 1]).sum();
                    if (d.value() == trueCount && trueCount > 0 && trueCount < 5) {
                        leaks.add(outcome + " weeks " + new TreeSet<>(d.weeks()) + " = " + trueCount + " (" + d.from() + ")");
                    }
                }
            }
        });
        return leaks;
    }

    private static Released minus(Released whole, Released part) {
        Set<Integer> weeks = new HashSet<>(whole.weeks());
        weeks.removeAll(part.weeks());
        return new Released(whole.outcome(), weeks, whole.value() - part.value(), whole.from() + " - " + part.from());
    }

    private List<Released> fromApi(String[] range, String by) {
        String key = by + "s";
        List<Map<String, Object>> rows = member.get("/api/outcomes?from=" + YEAR + "-W" + range[0] + "&to=" + YEAR + "-W"
                + range[1] + "&by=" + by).statusCode(200).extract().jsonPath().getList(key);
        List<Released> released = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (!REGION.equals(row.get("region"))) {
                continue;
            }
            Integer value = leadingNumber(row.get("count"));
            Set<Integer> weeks = weeksOf((String) row.get(by), by);
            if (value != null) {
                released.add(new Released((String) row.get("outcome"), weeks, value, by));
            }
            if (row.get("count") instanceof Number count && row.get("sameSexMatchRate") instanceof Number rate) {
                int matched = (int) Math.round(rate.doubleValue() * count.intValue()); // a rate times a count is a count
                released.add(new Released(row.get("outcome") + ":matched", weeks, matched, "rate"));
                released.add(new Released(row.get("outcome") + ":unmatched", weeks, count.intValue() - matched, "rate"));
            }
        }
        return released;
    }

    /** The chart's totals: "Caller declined: 65", or "A volunteer phoned: 41 + 4 groups of <5". */
    private List<Released> fromChart(String[] range) {
        Document page = chart(range);
        int from = Integer.parseInt(page.select("#from").val().substring(6));
        int to = Integer.parseInt(page.select("#to").val().substring(6));
        Set<Integer> weeks = new HashSet<>();
        for (int w = from; w <= to; w++) {
            weeks.add(w);
        }
        Map<String, String> outcomes = Map.of("A volunteer phoned", "volunteer_phoned", "Caller declined", "caller_declined");
        List<Released> released = new ArrayList<>();
        for (String text : page.select("svg.chart text").eachText()) {
            Matcher m = Pattern.compile("(.+): (.+)").matcher(text);
            if (m.matches() && outcomes.containsKey(m.group(1)) && leadingNumber(m.group(2)) != null) {
                released.add(new Released(outcomes.get(m.group(1)), weeks, leadingNumber(m.group(2)), "chart"));
            }
        }
        return released;
    }

    private Document chart(String[] range) {
        return Jsoup.parse(given().header("Authorization", TestUsers.bearer(member.token()))
                .get("/outcomes?by=week&from=" + YEAR + "-W" + range[0] + "&to=" + YEAR + "-W" + range[1]).then()
                .statusCode(200).extract().asString());
    }

    /** What a release that suppressed each figure on its own would have given: every count of 5 or more, with its rate. */
    private static List<Released> naiveRelease() {
        List<Released> released = new ArrayList<>();
        for (String outcome : List.of("volunteer_phoned", "caller_declined")) {
            int[] truth = TRUTH.get(outcome);
            Map<String, Set<Integer>> periods = new HashMap<>();
            for (int w = 1; w <= 13; w++) {
                periods.put("W" + w, Set.of(w));
                periods.computeIfAbsent(period(w, LocalDate::getMonthValue), k -> new HashSet<>()).add(w);
                periods.computeIfAbsent("Q1", k -> new HashSet<>()).add(w);
            }
            periods.values().forEach(weeks -> {
                int count = weeks.stream().mapToInt(w -> truth[w - 1]).sum();
                if (count >= 5) {
                    released.add(new Released(outcome, weeks, count, "naive"));
                    for (String side : List.of(":matched", ":unmatched")) {
                        int[] sideTruth = TRUTH.get(outcome + side);
                        released.add(new Released(outcome + side, weeks, weeks.stream().mapToInt(w -> sideTruth[w - 1]).sum(),
                                "naive rate"));
                    }
                }
            });
        }
        return released;
    }

    private static Set<Integer> weeksOf(String period, String by) {
        Set<Integer> weeks = new HashSet<>();
        int weeksInYear = (int) LocalDate.of(YEAR, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        for (int w = 1; w <= weeksInYear; w++) {
            LocalDate monday = monday(w);
            if (monday.getYear() != YEAR && !by.equals("week")) {
                continue;
            }
            String name = switch (by) {
                case "week" -> String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), w);
                case "month" -> String.format("%d-%02d", monday.getYear(), monday.getMonthValue());
                default -> monday.getYear() + "-Q" + monday.get(IsoFields.QUARTER_OF_YEAR);
            };
            if (name.equals(period)) {
                weeks.add(w);
            }
        }
        assertThat(weeks).as(period).isNotEmpty();
        return weeks;
    }

    private static String period(int week, Function<LocalDate, Integer> of) {
        return "M" + of.apply(monday(week));
    }

    private static LocalDate monday(int week) {
        return LocalDate.of(YEAR, 6, 1).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static Integer leadingNumber(Object count) {
        if (count instanceof Number n) {
            return n.intValue();
        }
        Matcher m = Pattern.compile("^(\\d+)").matcher(String.valueOf(count));
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String period, String outcome) {
        return rows.stream().filter(r -> REGION.equals(r.get("region")) && outcome.equals(r.get("outcome"))
                && r.values().contains(period)).findFirst().orElseThrow();
    }

    private static int[] perWeek(int[] calls, java.util.function.IntUnaryOperator part) {
        return java.util.Arrays.stream(calls).map(part).toArray();
    }

    private void plant(int week, String requestType, String outcome, int count, boolean everyOtherMatched) {
        for (int i = 0; i < count; i++) {
            entityManager.createNativeQuery("""
                    INSERT INTO outcome_records (iso_week, region, request_type, outcome, attempts_count, same_sex_match, hours_to_close)
                    VALUES (?1, ?2, ?3, ?4, 2, ?5, ?6)""").setParameter(1, String.format("%d-W%02d", YEAR, week))
                    .setParameter(2, REGION).setParameter(3, requestType).setParameter(4, outcome)
                    .setParameter(5, !everyOtherMatched || i % 2 == 0).setParameter(6, 1.0 + i + week).executeUpdate();
        }
    }
}
