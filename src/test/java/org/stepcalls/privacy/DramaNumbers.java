package org.stepcalls.privacy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fictional phone numbers only: Ofcom's ranges reserved for drama. Mobiles from 07700 900000–999
 * for people in tests; bulk lists use the reserved landline blocks (0113 496 0xxx and the like).
 * Every number handed out is remembered, so a test can prove none of them reached a log.
 */
public final class DramaNumbers {

    /** Ofcom drama landline blocks, each with 1,000 numbers. */
    private static final List<String> LANDLINE_BLOCKS = List.of("0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0",
            "0117 496 0", "0118 496 0", "0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0", "0161 496 0",
            "020 7946 0");

    private static final AtomicInteger NEXT_MOBILE = new AtomicInteger(100);
    /** {@link #landline()} hands out from here; tests that number their own landlines stay below. */
    private static final int FIRST_HANDED_OUT_LANDLINE = 6_000;
    private static final AtomicInteger NEXT_LANDLINE = new AtomicInteger(FIRST_HANDED_OUT_LANDLINE);
    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private DramaNumbers() {
    }

    /** A fresh drama mobile, written as people do: {@code 07700 900123}. */
    public static String mobile() {
        int n = NEXT_MOBILE.getAndIncrement();
        if (n > 999) {
            throw new IllegalStateException("The drama mobile range 07700 900000-999 is used up");
        }
        String number = String.format("07700 900%03d", n);
        ISSUED.add(number);
        return number;
    }

    /**
     * A fresh landline drama number ({@code 0116 496 0123} and the like), for a person whose number's kind
     * does not matter: the suite's 900 drama mobiles would not last it.
     */
    public static String landline() {
        int i = NEXT_LANDLINE.getAndIncrement();
        if (i >= LANDLINE_BLOCKS.size() * 1000) {
            throw new IllegalStateException("The drama landline blocks are used up");
        }
        return landline(i);
    }

    /**
     * The i-th number of the landline drama blocks, for bulk lists: below 6,000 in the suite ({@link #landline()}
     * hands out the rest); the benchmarks, in JVMs of their own, take any of the 12,000.
     */
    public static String landline(int i) {
        String number = LANDLINE_BLOCKS.get(i / 1000) + String.format("%03d", i % 1000);
        ISSUED.add(number);
        return number;
    }

    public static Set<String> issued() {
        return Set.copyOf(ISSUED);
    }

    /** The ways a number could appear in text: as written, digits only, and international. */
    public static List<String> spellings(String number) {
        String digits = number.replaceAll("\\D", "");
        return List.of(number, digits, "+44" + digits.substring(1), "44" + digits.substring(1));
    }
}
