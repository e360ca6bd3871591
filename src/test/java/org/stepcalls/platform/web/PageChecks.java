package org.stepcalls.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every page a browser journey visits must pass, on a 375 px phone: axe-core finds no
 * accessibility violation of impact serious or critical (moderate and minor ones are counted and
 * printed); the page does not scroll sideways; every control is a tap target of at least 44×44 px
 * (WCAG 2.5.5), links inside running text excepted as WCAG excepts them.
 */
public final class PageChecks {

    /** Installed by {@code npm ci} in src/test/browser (.ci/run does it). */
    private static final Path AXE = Path.of("src/test/browser/node_modules/axe-core/axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String axeSource;
    private static boolean toldMissing;

    private PageChecks() {
    }

    /** Runs every check on the page the browser shows now; {@code page} names it in failures and totals. */
    public static void check(WebDriver driver, String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        fitsThePhone(js, page);
        tapTargetsAreBigEnough(js, page);
        accessible(js, page);
    }

    private static void fitsThePhone(JavascriptExecutor js, String page) {
        Number overflow = (Number) js.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("%s scrolls sideways by %s px on a 375 px phone", page, overflow).isLessThanOrEqualTo(0);
    }

    private static void tapTargetsAreBigEnough(JavascriptExecutor js, String page) {
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) js.executeScript("""
                const controls = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary');
                const small = [];
                for (const c of controls) {
                  const r = c.getBoundingClientRect();
                  if (r.width === 0 && r.height === 0) continue;            // not shown
                  if (c.closest('.inline-text, p, .body, td, dd, label')
                      && c.tagName === 'A') continue;                        // a link in running text (WCAG 2.5.5: inline)
                  if ((c.type === 'checkbox' || c.type === 'radio') && c.closest('label')) {
                    const l = c.closest('label').getBoundingClientRect();    // the label is the target
                    if (l.height >= 44) continue;
                  }
                  if (r.width < 44 || r.height < 44) {
                    small.push(c.tagName.toLowerCase() + ' "' + (c.innerText || c.value || c.name || c.id || '').trim().slice(0, 40)
                        + '" ' + Math.round(r.width) + 'x' + Math.round(r.height));
                  }
                }
                return small;""");
        assertThat(small).as("%s: controls smaller than 44x44 px", page).isEmpty();
    }

    private static void accessible(JavascriptExecutor js, String page) {
        String source = axe();
        if (source == null) {
            return;
        }
        js.executeScript(source);
        Object raw = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact,
                      nodes: v.nodes.length, where: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))))
                  .catch(e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', nodes: 0, where: [String(e)] }])));""");
        List<Map<String, Object>> violations;
        try {
            violations = JSON.readValue(String.valueOf(raw), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long moderate = violations.stream().filter(v -> "moderate".equals(v.get("impact"))).count();
        long minor = violations.stream().filter(v -> "minor".equals(v.get("impact"))).count();
        List<Map<String, Object>> blocking = violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))).toList();
        System.out.printf("axe %-40s serious/critical %d, moderate %d, minor %d%s%n", page, blocking.size(), moderate, minor,
                violations.isEmpty() ? "" : " " + violations.stream().map(v -> v.get("id") + "(" + v.get("impact") + ")").toList());
        assertThat(blocking).as("%s: axe-core violations of impact serious or critical", page).isEmpty();
    }

    /** axe-core's script; outside CI a machine without it skips this check (and says so once). */
    private static synchronized String axe() {
        if (axeSource == null && Files.isReadable(AXE)) {
            try {
                axeSource = Files.readString(AXE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (axeSource == null) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI must install axe-core: npm ci --prefix src/test/browser (.ci/run)");
            }
            if (!toldMissing) {
                System.out.println("axe-core is not installed: accessibility checks skipped (npm ci --prefix src/test/browser)");
                toldMissing = true;
            }
        }
        return axeSource;
    }
}
