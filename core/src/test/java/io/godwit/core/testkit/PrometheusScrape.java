package io.godwit.core.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in the Prometheus text format, parsed into its samples, so tests assert on values and
 * labels instead of matching text. Comment lines ({@code # HELP}, {@code # TYPE}) are checked for a
 * TYPE per metric family and otherwise skipped.
 */
public final class PrometheusScrape {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One sample: a metric name, its labels (sorted by name) and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, Sample> samples = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();

    private PrometheusScrape() {
    }

    /** Parses {@code text}; a line that is neither a comment nor a sample fails the parse. */
    public static PrometheusScrape parse(String text) {
        PrometheusScrape scrape = new PrometheusScrape();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                scrape.types.put(parts[2], parts[3]);
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            Sample sample = new Sample(m.group(1), labels, Double.parseDouble(m.group(3)));
            scrape.samples.put(key(sample.name(), labels), sample);
        }
        return scrape;
    }

    /** The value of the sample with exactly these labels (given as name, value, name, value, ...). */
    public double value(String name, String... labelPairs) {
        Sample s = samples.get(key(name, labels(labelPairs)));
        if (s == null) {
            throw new AssertionError("no sample " + key(name, labels(labelPairs)) + " in " + samples.keySet());
        }
        return s.value();
    }

    public boolean has(String name, String... labelPairs) {
        return samples.containsKey(key(name, labels(labelPairs)));
    }

    /** The TYPE line of a metric family (counter, gauge, ...), null when none. */
    public String type(String family) {
        return types.get(family);
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }
}
