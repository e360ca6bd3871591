package org.stepcalls;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Letters a test run makes its names unique with. Letters only: digits in a name could read as part of a
 * number to the redactor. Always exactly as many as asked — filtering a UUID down to its letters once came
 * up short and failed a whole test class in its static initialiser.
 */
public final class FreshLetters {

    private FreshLetters() {
    }

    public static String of(int count) {
        StringBuilder letters = new StringBuilder(count);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}
