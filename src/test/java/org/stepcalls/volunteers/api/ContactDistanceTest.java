package org.stepcalls.volunteers.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.Area;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Matching measures distances in PostgreSQL ({@code area_distance_km}, V23) where it used to
 * measure them in Java ({@link Area#distanceKmTo}): the km shown, the ranking by the tenth of a km
 * and the cut at the contact radius (80 km in tests) must come out as they did.
 */
@QuarkusTest
class ContactDistanceTest {

    private static final double CONTACT_RADIUS_KM = 80;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theDatabaseMeasuresTheSeededTownsAsJavaDid() throws Exception {
        List<Area> towns = QuarkusTransaction.requiringNew()
                .call(() -> Area.<Area> list("region <> 'Testshire' order by id")).stream().limit(40).toList();
        assertThat(towns).extracting(area -> area.name).contains("Leeds", "Bradford", "York", "Sheffield", "Manchester");
        List<double[]> pairs = new ArrayList<>();
        for (Area from : towns) {
            for (Area to : towns) {
                pairs.add(new double[] { from.latitude, from.longitude, to.latitude, to.longitude });
            }
        }
        assertSameAsJava(pairs);
    }

    @Test
    void theDatabaseMeasuresAnyTwoPlacesAsJavaDid() throws Exception {
        Random random = new Random(16);
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // around the radius, where a slip would change who is listed
            double lat = -60 + 120 * random.nextDouble();
            double lon = -180 + 360 * random.nextDouble();
            pairs.add(new double[] { lat, lon, lat + (random.nextDouble() - 0.5) * 1.6, lon + (random.nextDouble() - 0.5) * 2.4 });
        }
        assertSameAsJava(pairs);
    }

    @Test
    void theKmShownAndTheRadiusAreAsBefore() { // R5
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long near = ListFixtures.area(origin, 13.8);
        long inside = ListFixtures.area(origin, 79.9);
        long outside = ListFixtures.area(origin, 80.1);
        long atNear = ListFixtures.addId(ListFixtures.volunteer("Bea", "female", near));
        long atInside = ListFixtures.addId(ListFixtures.volunteer("Ivy", "female", inside));
        long atOutside = ListFixtures.addId(ListFixtures.volunteer("Olive", "female", outside));

        JsonPath found = new ForumApiClient(TestUsers.helpliner("hattie"))
                .get("/api/contacts?areaId=" + here + "&sex=female&requestType=phone").statusCode(200).extract().jsonPath();
        List<Long> listed = found.getList("volunteers.id", Long.class);
        assertThat(listed.contains(atInside)).isEqualTo(javaKm(here, inside) <= CONTACT_RADIUS_KM).isTrue();
        assertThat(listed.contains(atOutside)).isEqualTo(javaKm(here, outside) <= CONTACT_RADIUS_KM).isFalse();
        assertThat(shownKm(found, atNear)).isEqualTo(Math.round(javaKm(here, near) * 10) / 10.0).isEqualTo(13.8);
        assertThat(shownKm(found, atInside)).isEqualTo(Math.round(javaKm(here, inside) * 10) / 10.0);
    }

    private void assertSameAsJava(List<double[]> pairs) throws Exception {
        List<Double> database = databaseKm(pairs);
        for (int i = 0; i < pairs.size(); i++) {
            double[] pair = pairs.get(i);
            double java = javaKm(pair[0], pair[1], pair[2], pair[3]);
            double sql = database.get(i);
            assertThat(Math.round(sql * 10)).as("tenths of a km, pair %d", i).isEqualTo(Math.round(java * 10));
            assertThat(sql <= CONTACT_RADIUS_KM).as("inside the radius, pair %d", i).isEqualTo(java <= CONTACT_RADIUS_KM);
            assertThat(sql).as("km, pair %d", i).isCloseTo(java, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private List<Double> databaseKm(List<double[]> pairs) throws Exception {
        Double[][] columns = new Double[4][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            for (int c = 0; c < 4; c++) {
                columns[c][i] = pairs.get(i)[c];
            }
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT area_distance_km(lat1, lon1, lat2, lon2)
                        FROM unnest(?::float8[], ?::float8[], ?::float8[], ?::float8[]) WITH ORDINALITY AS p(lat1, lon1, lat2, lon2, n)
                        ORDER BY n""")) {
            for (int c = 0; c < 4; c++) {
                statement.setArray(c + 1, connection.createArrayOf("float8", columns[c]));
            }
            List<Double> km = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    km.add(rows.getDouble(1));
                }
            }
            return km;
        }
    }

    private static double javaKm(long fromId, long toId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Area from = Area.findById(fromId);
            return from.distanceKmTo(Area.findById(toId));
        });
    }

    private static double javaKm(double lat1, double lon1, double lat2, double lon2) {
        Area from = new Area();
        from.latitude = lat1;
        from.longitude = lon1;
        Area to = new Area();
        to.latitude = lat2;
        to.longitude = lon2;
        return from.distanceKmTo(to);
    }

    private static double shownKm(JsonPath found, long volunteerId) {
        return found.getDouble("volunteers.find { it.id == " + volunteerId + " }.distanceKm");
    }
}
