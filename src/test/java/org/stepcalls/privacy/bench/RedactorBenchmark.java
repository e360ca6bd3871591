package org.stepcalls.privacy.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stepcalls.privacy.HostileInputs;
import org.stepcalls.privacy.Redactor;

/**
 * Not a test: prints how long redacting a 20,000-character post takes (issue 10's target: under
 * 50 ms), for ordinary prose, the hostile corpus and inputs built to be slow. Run it with
 * {@code bench/redactor.sh}. It asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "stepcalls.bench", matches = "true")
class RedactorBenchmark {

    private static final int LENGTH = 20_000;
    private static final int WARMUP = 300;
    private static final int RUNS = 200;

    private final Redactor redactor = new Redactor();

    @Test
    void redactTwentyThousandCharacters() {
        Map<String, String> posts = new LinkedHashMap<>();
        posts.put("ordinary prose", fill(String.join(" ", HostileInputs.lines("/redaction/ordinary-sentences.txt"))));
        posts.put("hostile corpus", fill(String.join("\n\n", HostileInputs.all().stream().map(HostileInputs.Input::text).toList())));
        posts.put("digits and spaces", fill("1 "));
        posts.put("digit groups and bullets", fill("07700\u2022900\u2022"));
        posts.put("at signs after letters", fill("a".repeat(200) + "@"));
        posts.put("the word at", fill("jane at "));
        posts.put("entities", fill("&#48;&commat;&#x37;"));
        posts.put("invisible characters", fill("0\u200D\u00AD\u2060"));
        posts.put("number words", fill("oh seven double "));
        posts.put("unclosed links", fill("[x]("));
        posts.put("fullwidth and Arabic digits", fill("\uFF10\uFF17\u0667\u0660 "));
        posts.put("short words between groups", fill("07700 and then "));
        posts.put("emoji and bidi in gaps", fill("07700 \uD83D\uDCF1\u202E\u05E9 "));
        posts.put("brackets and markup at @", fill("[x][y]<!-- -->@a,"));
        posts.put("letters glued between digit groups", fill("077x00x"));
        posts.put("tags never closed", fill("<b"));
        posts.put("comments never closed", fill("<!--"));
        posts.put("quoted attributes never closed", fill("<a x='<b "));
        for (Map.Entry<String, String> post : posts.entrySet()) {
            measure(post.getKey(), post.getValue());
        }
    }

    private void measure(String name, String text) {
        int removed = 0;
        for (int i = 0; i < WARMUP; i++) {
            removed = redactor.redact(text).redactions();
        }
        long[] micros = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            redactor.redact(text);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("redact %-28s %,6d chars  p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms  (%d removed)%n", name,
                text.length(), micros[RUNS / 2] / 1000.0, micros[RUNS * 95 / 100] / 1000.0, micros[RUNS - 1] / 1000.0, removed);
    }

    private static String fill(String unit) {
        StringBuilder text = new StringBuilder(LENGTH + unit.length());
        while (text.length() < LENGTH) {
            text.append(unit);
        }
        return text.substring(0, LENGTH);
    }
}
