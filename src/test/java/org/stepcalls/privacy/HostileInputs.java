package org.stepcalls.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The hostile-input corpus ({@code redaction/hostile-inputs.txt}) and the check that nothing planted in it can be read. */
public final class HostileInputs {

    /** One hostile input: how it hides its numbers and addresses, what it plants, and the text. */
    public record Input(int line, String technique, List<String> numbers, List<List<String>> addresses, String text) {

        @Override
        public String toString() {
            return line + " " + technique;
        }

        /** Fails naming the technique when the reader can make out a planted number or any part of a planted address. */
        public void assertNothingReadableIn(String where, String readerText) {
            String digits = ReaderOracle.digits(readerText);
            for (String number : numbers) {
                assertThat(digits).as("%s: %s leaks %s from: %s", this, where, number, readerText).doesNotContain(number);
            }
            String letters = ReaderOracle.letters(readerText);
            for (List<String> parts : addresses) {
                for (String part : parts) {
                    assertThat(letters).as("%s: %s leaks %s from: %s", this, where, part, readerText)
                            .doesNotContain(ReaderOracle.letters(part));
                }
            }
        }
    }

    private HostileInputs() {
    }

    public static List<Input> all() {
        return load("/redaction/hostile-inputs.txt");
    }

    static List<Input> load(String resource) {
        List<Input> inputs = new ArrayList<>();
        String[] lines = read(resource).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank() || lines[i].startsWith("#")) {
                continue;
            }
            String[] fields = lines[i].split("\t", 3);
            List<String> numbers = new ArrayList<>();
            List<List<String>> addresses = new ArrayList<>();
            for (String planted : fields[1].split(" ")) {
                if (planted.startsWith("n:")) {
                    numbers.add(planted.substring(2));
                } else if (planted.startsWith("e:")) {
                    addresses.add(Arrays.asList(planted.substring(2).split("\\|")));
                }
            }
            inputs.add(new Input(i + 1, fields[0], numbers, addresses, unescape(fields[2])));
        }
        return inputs;
    }

    /** Lines of a corpus resource, blank lines and # comments left out. */
    public static List<String> lines(String resource) {
        return Arrays.stream(read(resource).split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static String read(String resource) {
        try (InputStream in = HostileInputs.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    /** {@code \n}, {@code \t}, {@code \\} and {@code \}{@code uXXXX}: invisible characters stay legible in the file. */
    static String unescape(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\' || i + 1 == escaped.length()) {
                out.append(c);
                continue;
            }
            char next = escaped.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(escaped.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
