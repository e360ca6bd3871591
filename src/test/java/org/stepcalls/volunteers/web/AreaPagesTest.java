package org.stepcalls.volunteers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.volunteers.api.ListFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class AreaPagesTest {

    private final PageSession coordinator = new PageSession(ListFixtures.coordinator());

    @Test
    void deletingAnAreaAsksFirstAndThenSaysItIsGone() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Document confirm = coordinator.page("/areas/" + area + "/delete");
        String name = confirm.select("h1").text().replace("Delete ", "").replace("?", "");
        assertThat(confirm.text()).contains("Nothing uses " + name).contains("cannot be undone");
        assertThat(coordinator.page("/areas").select(".cards li").text()).contains(name); // asking deleted nothing

        Response deleted = coordinator.submit("/areas/" + area + "/delete", "/areas/" + area + "/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(303);
        Document list = coordinator.page(deleted.getHeader("Location"));
        assertThat(list.select("[role=status]").text()).isEqualTo("The area was deleted.");
        assertThat(list.select(".cards li").text()).doesNotContain(name);
    }

    @Test
    void anAreaInUseNamesWhatStillUsesItAndOffersNoDelete() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        ListFixtures.addId(ListFixtures.volunteer("Ines", "female", area));
        ListFixtures.addId(ListFixtures.volunteer("Jago", "male", area));
        Document confirm = coordinator.page("/areas/" + area + "/delete");
        assertThat(confirm.select("[role=status]").text()).contains("is still used by 2 volunteers").contains("Move them");
        assertThat(confirm.select("main form[action$=/delete]")).isEmpty();

        // a forged delete is refused with the area's name and what uses it
        Response refused = coordinator.submit("/areas", "/areas/" + area + "/delete", Map.of());
        assertThat(refused.statusCode()).isEqualTo(409);
        String name = confirm.select("h1").text().replace("Delete ", "").replace("?", "");
        assertThat(Jsoup.parse(refused.asString()).select("[role=alert]").text())
                .isEqualTo(name + " is still used by 2 volunteers; move them first.");
    }

    @Test
    void anAreaIsEditedInThePagesAndABadValueComesBackMarked() {
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        Document form = coordinator.page("/areas/" + area + "/edit");
        String name = form.select("#name").val();
        Map<String, String> fields = Map.of("name", name, "region", "West Yorkshire", "latitude", "91",
                "longitude", form.select("#longitude").val());
        Response refused = coordinator.submit("/areas/" + area + "/edit", "/areas/" + area, fields);
        assertThat(refused.statusCode()).isEqualTo(400);
        Document again = Jsoup.parse(refused.asString());
        assertThat(again.select("#latitude").attr("aria-invalid")).isEqualTo("true");
        assertThat(again.select("#latitude").val()).isEqualTo("91");
        assertThat(again.select("#region").val()).isEqualTo("West Yorkshire");

        Response saved = coordinator.submit("/areas/" + area + "/edit", "/areas/" + area,
                Map.of("name", name, "region", "West Yorkshire", "latitude", form.select("#latitude").val(), "longitude",
                        form.select("#longitude").val()));
        assertThat(saved.statusCode()).isEqualTo(303);
        Document list = coordinator.page(saved.getHeader("Location"));
        assertThat(list.select("[role=status]").text()).isEqualTo(name + " was saved.");
        assertThat(list.select(".cards li").text()).contains(name + " · West Yorkshire");
    }
}
