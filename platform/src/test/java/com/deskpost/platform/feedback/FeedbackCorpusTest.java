package com.deskpost.platform.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every report of the corpus (src/test/resources/feedback-corpus, written from the RFCs and the MTAs' and
 * providers' documented formats) is read as expected.csv says: kind, recipient, status, reporter and source of each
 * finding. Prints the accuracy per kind and overall (the figures README quotes) and fails on any mismatch.
 */
class FeedbackCorpusTest {

    private static final String CORPUS = "/feedback-corpus/";

    private record Row(String kind, String recipient, String status, String reporter, String source) {
        @Override
        public String toString() {
            return String.join(",", kind, recipient, status, reporter, source);
        }
    }

    @Test
    void readsEveryReportOfTheCorpusAsExpected() throws IOException {
        // Given the corpus and what each report must be read as
        Map<String, List<Row>> expected = expected();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(40);

        // When every report is read
        Map<String, int[]> perKind = new TreeMap<>();
        Map<String, Integer> perReporter = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, List<Row>> file : expected.entrySet()) {
            FeedbackReading reading = FeedbackReader.read(bytes(file.getKey()));
            List<Row> actual = rows(reading);
            String kind = file.getValue().get(0).kind();
            int[] counts = perKind.computeIfAbsent(kind, k -> new int[2]);
            counts[1]++;
            perReporter.merge(file.getValue().get(0).reporter().isEmpty() ? "(none)" : file.getValue().get(0)
                    .reporter(), 1, Integer::sum);
            if (actual.equals(file.getValue())) {
                counts[0]++;
            } else {
                mismatches.add(file.getKey() + ": expected " + file.getValue() + " but read " + actual
                        + (reading.reason() == null ? "" : " (" + reading.reason() + ")"));
            }
        }

        // Then each is classified as expected, and the accuracy is reported
        int right = perKind.values().stream().mapToInt(c -> c[0]).sum();
        int total = perKind.values().stream().mapToInt(c -> c[1]).sum();
        StringBuilder report = new StringBuilder("Feedback corpus: " + total + " reports\n");
        perKind.forEach((kind, c) -> report.append(String.format("  %-13s %2d/%2d %6.1f %%%n", kind, c[0], c[1],
                100.0 * c[0] / c[1])));
        report.append(String.format("  %-13s %2d/%2d %6.1f %%%n", "overall", right, total, 100.0 * right / total));
        report.append("  by reporter: ").append(perReporter).append('\n');
        System.out.print(report);
        assertThat(mismatches).as(report.toString()).isEmpty();
    }

    private static List<Row> rows(FeedbackReading reading) {
        List<Row> rows = new ArrayList<>();
        for (Finding finding : reading.findings()) {
            rows.add(new Row(finding.kind().name(), blank(finding.recipient()), blank(finding.status()),
                    blank(reading.reporter()), blank(reading.source())));
        }
        if (rows.isEmpty()) {
            rows.add(new Row(reading.kind().name(), "", "", blank(reading.reporter()), blank(reading.source())));
        }
        return rows;
    }

    private static String blank(String value) {
        return Objects.requireNonNullElse(value, "");
    }

    private static Map<String, List<Row>> expected() throws IOException {
        Map<String, List<Row>> expected = new LinkedHashMap<>();
        for (String line : new String(bytes("expected.csv"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            expected.computeIfAbsent(cells[0], k -> new ArrayList<>())
                    .add(new Row(cells[1], cells[2], cells[3], cells[4], cells[5]));
        }
        return expected;
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = FeedbackCorpusTest.class.getResourceAsStream(CORPUS + name)) {
            assertThat(in).as("corpus file " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
