package org.stepcalls.platform.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * docs/api.md is the API reference a clone carries; it must name exactly the operations the
 * running app serves under /api (read from its own OpenAPI document), so neither can drift.
 */
@QuarkusTest
class ApiReferenceTest {

    /** "| GET `/api/x/{id}` |" or "| GET · PUT `/api/x` |": one row may name several methods. */
    private static final Pattern ROW = Pattern.compile("^\\| ((?:GET|POST|PUT|DELETE|PATCH)(?: · (?:GET|POST|PUT|DELETE|PATCH))*) `(/api[^`?]*)");

    @Test
    void theReferenceNamesEveryOperationTheAppServesAndNoOther() throws IOException {
        Set<String> served = new TreeSet<>();
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath().getMap("paths");
        paths.forEach((path, operations) -> {
            if (path.startsWith("/api/")) {
                operations.keySet().stream().filter(m -> m.matches("get|post|put|delete|patch"))
                        .forEach(m -> served.add(m.toUpperCase() + " " + path));
            }
        });

        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("docs/api.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                for (String method : row.group(1).split(" · ")) {
                    documented.add(method + " " + row.group(2));
                }
            }
        }
        assertThat(documented).as("operations in docs/api.md").containsExactlyInAnyOrderElementsOf(served);
    }
}
