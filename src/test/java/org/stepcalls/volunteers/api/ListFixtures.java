package org.stepcalls.volunteers.api;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Builds areas, volunteers and meetings through the API, as a coordinator would. */
public final class ListFixtures {

    /** Test areas sit in the North Atlantic, far from the seeded towns and from each other's tests. */
    private static final AtomicInteger NEXT_PLACE = new AtomicInteger();

    public static final String COORDINATOR = TestUsers.forTheWholeRun("cath", "coordinator", "member");
    /** A fresh token each time: one kept for the whole suite outlived its lifetime when a slow machine stretched the run. */
    public static String coordinator() {
        return TestUsers.coordinator("cath");
    }

    private ListFixtures() {
    }

    /** A new area {@code kmEast} kilometres east of a fresh origin; returns its id. */
    public static long area(String origin, double kmEast) {
        return given().header("Authorization", TestUsers.bearer(coordinator())).contentType(ContentType.JSON)
                .body(Map.of("name", origin + " +" + kmEast + " km " + letters(UUID.randomUUID().toString().substring(0, 6)),
                        "region", "Testshire", "latitude", latitudeOf(origin),
                        "longitude", longitudeOf(origin) + kmEast / (111.32 * Math.cos(Math.toRadians(latitudeOf(origin))))))
                .post("/api/areas").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /**
     * A random suffix in letters only: with hex digits, a call's title ("Caller O., Origin14 +0.0 km
     * 5e0b31 area") could read as a UK number to the redactor, as it would to a person.
     */
    private static String letters(String hex) {
        StringBuilder out = new StringBuilder();
        hex.chars().forEach(c -> out.append((char) (Character.isDigit(c) ? 'g' + (c - '0') : c)));
        return out.toString();
    }

    /**
     * A fresh origin name; areas made from it lie on its own parallel, a degree of latitude (111 km,
     * more than the 80 km contact radius) away from every other origin's in its band, and bands of
     * parallels lie far apart in longitude.
     */
    public static String origin() {
        return "Origin" + NEXT_PLACE.incrementAndGet();
    }

    /** 135 parallels a band; bands lie 20° of longitude apart (over 500 km even at 75° north). */
    private static final int PARALLELS = 135;
    private static final int BANDS = 5;

    private static int placeNumber(String origin) {
        int n = Integer.parseInt(origin.substring("Origin".length()));
        if (n > PARALLELS * BANDS) {
            throw new IllegalStateException("More test origins than distinct places (" + PARALLELS * BANDS + ")");
        }
        return n - 1;
    }

    private static double latitudeOf(String origin) {
        return -59.0 + placeNumber(origin) % PARALLELS;
    }

    private static double longitudeOf(String origin) {
        return -30.0 - 20.0 * (placeNumber(origin) / PARALLELS);
    }

    public static Map<String, Object> volunteer(String firstName, String sex, long homeAreaId) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", firstName);
        body.put("phone", DramaNumbers.landline()); // the drama mobiles are too few for every listed volunteer
        body.put("sex", sex);
        body.put("homeAreaId", homeAreaId);
        body.put("areaIds", List.of(homeAreaId));
        body.put("cleanDate", LocalDate.now().minusYears(3).toString());
        body.put("canPhone", true);
        body.put("canVisit", true);
        body.put("guidelinesAcknowledged", true);
        body.put("formReceived", true);
        body.put("active", true);
        return body;
    }

    public static ValidatableResponse add(Map<String, Object> volunteer) {
        return given().header("Authorization", TestUsers.bearer(coordinator())).contentType(ContentType.JSON)
                .body(volunteer).post("/api/volunteers").then();
    }

    public static long addId(Map<String, Object> volunteer) {
        return add(volunteer).statusCode(201).extract().jsonPath().getLong("id");
    }
}
