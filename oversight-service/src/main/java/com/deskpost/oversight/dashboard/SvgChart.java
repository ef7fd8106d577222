package com.deskpost.oversight.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.util.HtmlUtils;

/**
 * A line chart as inline SVG, drawn on the server so the ops page needs no script: a time axis (UTC) over the
 * window shown, a value axis from 0 to a round maximum, one line with a marker per sampling for each series, and a
 * legend. Series names come from metric labels (locations, categories, sender domains): every text is XML-escaped.
 */
final class SvgChart {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    private static final List<String> COLOURS = List.of("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df",
            "#bc4c00", "#0a7ea4", "#57606a");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    /** For a window of minutes (an instance that just started), where ticks a minute apart would all read alike. */
    private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private SvgChart() {
    }

    /**
     * @param id the chart's id in the page
     * @param unit what the values are, shown on the value axis, e.g. "mail / min"
     */
    static String render(String id, String title, String unit, Map<String, TreeMap<Instant, Double>> series,
            Instant from, Instant to) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(escape(id))
                .append("\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT + 24 * rows(series.size())).append("\" aria-label=\"").append(escape(title))
                .append("\"><title>").append(escape(title)).append("</title>");
        double max = niceMax(series.values().stream().flatMap(points -> points.values().stream())
                .mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(0));
        long span = Math.max(1, Duration.between(from, to).toMillis());
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        axes(svg, unit, max, from, span, plotWidth, plotHeight);
        if (series.values().stream().allMatch(Map::isEmpty)) {
            svg.append("<text class=\"no-data\" x=\"").append(LEFT + plotWidth / 2).append("\" y=\"")
                    .append(TOP + plotHeight / 2).append("\" text-anchor=\"middle\" fill=\"#596275\">")
                    .append("No data in this window yet</text>");
        }
        int n = 0;
        for (Map.Entry<String, TreeMap<Instant, Double>> line : series.entrySet()) {
            String colour = COLOURS.get(n % COLOURS.size());
            StringBuilder points = new StringBuilder();
            StringBuilder markers = new StringBuilder();
            for (Map.Entry<Instant, Double> point : line.getValue().entrySet()) {
                if (!Double.isFinite(point.getValue()) || point.getKey().isBefore(from)) {
                    continue;
                }
                double x = LEFT + plotWidth * (double) Duration.between(from, point.getKey()).toMillis() / span;
                double y = TOP + plotHeight - (max == 0 ? 0 : plotHeight * point.getValue() / max);
                points.append(format(x)).append(',').append(format(y)).append(' ');
                markers.append("<circle class=\"point\" cx=\"").append(format(x)).append("\" cy=\"").append(format(y))
                        .append("\" r=\"2.5\" fill=\"").append(colour).append("\"><title>").append(escape(line.getKey()))
                        .append(' ').append(CLOCK.format(point.getKey())).append(": ").append(number(point.getValue()))
                        .append(' ').append(escape(unit)).append("</title></circle>");
            }
            svg.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colour)
                    .append("\" points=\"").append(points.toString().strip()).append("\"/>").append(markers);
            legend(svg, n, colour, line.getKey());
            n++;
        }
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, String unit, double max, Instant from, long span, int plotWidth,
            int plotHeight) {
        int bottom = TOP + plotHeight;
        svg.append("<g class=\"axes\" stroke=\"#8c95a6\" font-size=\"11\" fill=\"#596275\">");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(bottom).append("\"/>");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
                .append(LEFT + plotWidth).append("\" y2=\"").append(bottom).append("\"/>");
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            double y = bottom - plotHeight * tick / 4.0;
            svg.append("<line stroke=\"#e3e6eb\" x1=\"").append(LEFT + 1).append("\" y1=\"").append(format(y))
                    .append("\" x2=\"").append(LEFT + plotWidth).append("\" y2=\"").append(format(y)).append("\"/>");
            svg.append("<text class=\"y-label\" stroke=\"none\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(format(y + 4)).append("\" text-anchor=\"end\">").append(number(value)).append("</text>");
        }
        for (int tick = 0; tick <= 4; tick++) {
            double x = LEFT + plotWidth * tick / 4.0;
            Instant at = from.plusMillis(span * tick / 4);
            DateTimeFormatter clock = span < Duration.ofMinutes(10).toMillis() ? CLOCK_SECONDS : CLOCK;
            svg.append("<text class=\"x-label\" stroke=\"none\" x=\"").append(format(x)).append("\" y=\"")
                    // The last label ends at the axis' end, or it would run off the chart.
                    .append(bottom + 16).append("\" text-anchor=\"").append(tick == 4 ? "end" : "middle").append("\">")
                    .append(clock.format(at)).append("</text>");
        }
        svg.append("<text stroke=\"none\" x=\"").append(LEFT + plotWidth).append("\" y=\"").append(bottom + 32)
                .append("\" text-anchor=\"end\">time (UTC)</text>");
        svg.append("<text class=\"unit\" stroke=\"none\" x=\"4\" y=\"").append(TOP - 4).append("\">")
                .append(escape(unit)).append("</text></g>");
    }

    private static void legend(StringBuilder svg, int n, String colour, String name) {
        int x = LEFT + (n % 3) * 220;
        int y = HEIGHT + 24 * (n / 3) + 8;
        svg.append("<g class=\"legend\"><rect x=\"").append(x).append("\" y=\"").append(y - 9)
                .append("\" width=\"12\" height=\"12\" fill=\"").append(colour).append("\"/><text x=\"").append(x + 18)
                .append("\" y=\"").append(y + 1).append("\" font-size=\"12\" fill=\"#1d2330\">").append(escape(name))
                .append("</text></g>");
    }

    private static int rows(int series) {
        return Math.max(1, (series + 2) / 3);
    }

    /** 1, 2 or 5 times a power of ten, at or above the largest value; 1 for an empty chart. */
    static double niceMax(double largest) {
        if (!(largest > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(largest)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= largest) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) < 0.1 ? "%.3f" : "%.2f", value);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
