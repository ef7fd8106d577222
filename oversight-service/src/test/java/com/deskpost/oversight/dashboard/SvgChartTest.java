package com.deskpost.oversight.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A chart as server-side SVG: axes with labels, a line and a marker per point for each series, a legend. */
class SvgChartTest {

    private static final Instant FROM = Instant.parse("2026-12-07T06:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-07T07:00:00Z");

    @Test
    void drawsEachSeriesWithItsPointsAxesAndLegend() {
        Map<String, TreeMap<Instant, Double>> series = new TreeMap<>(Map.of(
                "transactional", new TreeMap<>(Map.of(FROM.plusSeconds(900), 4.0, FROM.plusSeconds(1800), 7.0)),
                "security", new TreeMap<>(Map.of(FROM.plusSeconds(1800), 1.0))));

        String svg = SvgChart.render("sent", "Mail sent", "mail / min", series, FROM, TO);

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>")
                .contains("id=\"sent\"", "<title>Mail sent</title>", ">mail / min</text>", ">time (UTC)</text>");
        assertThat(count(svg, "<circle class=\"point\"")).isEqualTo(3);
        assertThat(count(svg, "<polyline class=\"series\"")).isEqualTo(2);
        assertThat(svg).contains(">security</text>", ">transactional</text>")
                // the time axis over the window, the value axis up to a round maximum above 7
                .contains(">06:00</text>", ">06:30</text>", ">07:00</text>", ">10</text>", ">5</text>")
                .contains("transactional 06:30: 7 mail / min").doesNotContain("No data");
        // x of 06:15 is a quarter of the plot (56 + 648 / 4), y of 4 out of 10 is 0.6 of 184 below 16
        assertThat(svg).contains("cx=\"218.0\" cy=\"126.4\"");
    }

    @Test
    void anEmptyChartSaysSoAndNamesFromMetricLabelsAreEscaped() {
        String empty = SvgChart.render("held", "Held queue", "drafts", Map.of(), FROM, TO);
        assertThat(empty).contains("No data in this window yet").doesNotContain("<circle");

        String hostile = SvgChart.render("x", "T", "u", Map.of("<script>alert(1)</script>",
                new TreeMap<>(Map.of(FROM, 1.0))), FROM, TO);
        assertThat(hostile).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void aWindowOfMinutesLabelsItsTimeAxisToTheSecond() {
        String svg = SvgChart.render("x", "T", "u", Map.of("a", new TreeMap<>(Map.of(FROM.plusSeconds(30), 1.0))),
                FROM, FROM.plusSeconds(120));

        assertThat(svg).contains(">06:00:00</text>", ">06:01:00</text>", ">06:02:00</text>");
    }

    @Test
    void roundsTheValueAxisUp() {
        assertThat(SvgChart.niceMax(0)).isEqualTo(1);
        assertThat(SvgChart.niceMax(7)).isEqualTo(10);
        assertThat(SvgChart.niceMax(0.013)).isEqualTo(0.02);
        assertThat(SvgChart.niceMax(120)).isEqualTo(200);
        assertThat(SvgChart.niceMax(5000)).isEqualTo(5000);
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
