package org.stepcalls.volunteers.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.privacy.DramaNumbers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** POST /api/volunteers/import: all or nothing, every bad line reported, file problems explained. */
@QuarkusTest
class CsvImportTest {

    private static final String HEADER = "firstName,phone,sex,area,cleanDate,canPhone,canVisit\n";
    private static final String CLEAN = LocalDate.now().minusYears(4).toString();

    @Inject
    EntityManager entityManager;

    @Test
    void aGoodFileImportsEveryLine() {
        String a = DramaNumbers.mobile();
        String b = DramaNumbers.mobile();
        String csv = HEADER + "Amos," + a + ",male,Leeds," + CLEAN + ",true,false\n"
                + "\"Bea\",\"" + b + "\",female,york," + CLEAN + ",true,true\n";
        upload(csv.getBytes(StandardCharsets.UTF_8), true).statusCode(200).body("imported", equalTo(2))
                .body("rejected", org.hamcrest.Matchers.empty());
        List<Map<String, Object>> listed = given().header("Authorization", TestUsers.bearer(ListFixtures.coordinator()))
                .get("/api/volunteers").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(listed).anySatisfy(v -> {
            assertThat(v.get("phone")).isEqualTo(b);
            assertThat(v.get("homeArea")).isEqualTo("York");
            assertThat(v.get("guidelinesAcknowledged")).isEqualTo(true);
        });
    }

    @Test
    void badLinesAreReportedWithTheirReasonAndNothingIsImported() {
        long before = volunteerCount();
        String bad = "12345";
        String csv = HEADER
                + "Cara," + DramaNumbers.mobile() + ",female,Leeds," + CLEAN + ",true,true\n"
                + "Dean," + bad + ",male,Leeds," + CLEAN + ",true,true\n"
                + "Edna," + DramaNumbers.mobile() + ",female,Atlantis," + CLEAN + ",true,true\n"
                + "Finn," + DramaNumbers.mobile() + ",man,Leeds," + CLEAN + ",true,true\n"
                + "Gail," + DramaNumbers.mobile() + ",female,Leeds,yesterday,true,true\n"
                + "Hal," + DramaNumbers.mobile() + ",male,Leeds," + CLEAN + ",yes,true\n"
                + "Ivy," + DramaNumbers.mobile() + ",female,Leeds," + CLEAN + ",false,false\n"
                + "Jo," + DramaNumbers.mobile() + ",female,Leeds\n"
                + "K4te," + DramaNumbers.mobile() + ",female,Leeds," + CLEAN + ",true,true\n";
        JsonPath result = upload(csv.getBytes(StandardCharsets.UTF_8), false).statusCode(400).extract().jsonPath();
        assertThat(result.getInt("imported")).isZero();
        assertThat(result.getList("rejected.line", Integer.class)).containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(result.getString("rejected[0].reason")).contains("phone").doesNotContain(bad);
        assertThat(result.getString("rejected[1].reason")).contains("area");
        assertThat(volunteerCount()).isEqualTo(before);
    }

    @Test
    void duplicateRowsAndNumbersAlreadyListedAreRejected() {
        String twice = DramaNumbers.mobile();
        String listed = DramaNumbers.mobile();
        String fresh = DramaNumbers.mobile();
        upload((HEADER + "Lee," + listed + ",male,Leeds," + CLEAN + ",true,true\n").getBytes(StandardCharsets.UTF_8), true)
                .statusCode(200);
        String csv = HEADER
                + "Max," + twice + ",male,Leeds," + CLEAN + ",true,true\n"
                + "Ned," + twice.replace(" ", "") + ",male,Leeds," + CLEAN + ",true,true\n"
                + "Olly," + listed + ",male,Leeds," + CLEAN + ",true,true\n"
                + "Pam," + fresh + ",female,Leeds," + CLEAN + ",true,true\n";
        JsonPath result = upload(csv.getBytes(StandardCharsets.UTF_8), true).statusCode(400).extract().jsonPath();
        assertThat(result.getList("rejected.line", Integer.class)).containsExactly(3, 4);
        assertThat(result.getString("rejected[0].reason")).contains("line 2");
        assertThat(result.getString("rejected[1].reason")).contains("already on the list");
    }

    @Test
    void fileProblemsGetAClearError() {
        upload("name,number\nAmos,07700 900001\n".getBytes(StandardCharsets.UTF_8), true).statusCode(400)
                .body("error", equalTo("invalid_input")).body("message", containsString("firstName,phone,sex"));
        upload(new byte[0], true).statusCode(400).body("message", containsString("empty"));
        upload(HEADER.getBytes(StandardCharsets.UTF_8), true).statusCode(400).body("message", containsString("no volunteers"));
        byte[] latin1 = (HEADER + "Zoë," + DramaNumbers.mobile() + ",female,Leeds," + CLEAN + ",true,true\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        upload(latin1, true).statusCode(400).body("message", containsString("UTF-8"));
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        upload(big, true).statusCode(400).body("message", containsString("1 MB"));
        given().header("Authorization", TestUsers.bearer(TestUsers.helpliner("hal"))).contentType("text/csv")
                .body(HEADER).post("/api/volunteers/import").then().statusCode(403);
    }

    @Test
    void fiveThousandLinesImportInOneGo() {
        StringBuilder csv = new StringBuilder(HEADER);
        String[] towns = { "Leeds", "Sheffield", "Bradford", "York", "Hull" };
        for (int i = 0; i < 5_000; i++) {
            csv.append("Vol").append(letters(i)).append(',').append(DramaNumbers.landline(i)).append(',')
                    .append(i % 2 == 0 ? "female" : "male").append(',').append(towns[i % towns.length]).append(',')
                    .append(CLEAN).append(",true,").append(i % 3 == 0).append('\n');
        }
        long before = volunteerCount();
        long started = System.nanoTime();
        upload(csv.toString().getBytes(StandardCharsets.UTF_8), true).statusCode(200).body("imported", equalTo(5_000));
        System.out.printf("CSV import of 5,000 lines took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(volunteerCount()).isEqualTo(before + 5_000);
    }

    private static String letters(int i) {
        StringBuilder name = new StringBuilder();
        do {
            name.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return name.toString();
    }

    private static ValidatableResponse upload(byte[] csv, boolean guidelinesAcknowledged) {
        return given().header("Authorization", TestUsers.bearer(ListFixtures.coordinator())).contentType("text/csv")
                .body(csv).post("/api/volunteers/import?guidelinesAcknowledged=" + guidelinesAcknowledged).then();
    }

    private long volunteerCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM volunteers").getSingleResult()).longValue());
    }
}
