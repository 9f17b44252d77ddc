package uk.nhs.pdsa.findings.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import uk.nhs.pdsa.metrics.MetricType;
import uk.nhs.pdsa.findings.model.FunnelChart;
import uk.nhs.pdsa.findings.model.SpcChart;

/**
 * Charts as SVG pictures, in the NHS Making Data Count style: grey common-cause points, orange concern,
 * blue improvement, purple neutral; grey dashed limits, a solid centre line, the variation and assurance
 * icons top right. Self-contained SVG 1.1 with a title and description for screen readers.
 */
public final class SvgChart {
    static final String CONCERN = "#fab428";
    static final String IMPROVEMENT = "#289de0";
    static final String NEUTRAL = "#361475";
    static final String COMMON = "#a6a6a6";
    /** NHS blue: notes such as PDSA change dates. */
    static final String NOTE = "#005eb8";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    /** Characters of a title that fit on one line at 16 px. */
    private static final int TITLE_LINE = 80;

    private SvgChart() {
    }

    /**
     * The chart of a stored series or of posted data: titled as the catalogue names the metric, proportions in
     * percent on an axis that stops at 100 %, round tick values, a legend and the Making Data Count icons.
     */
    public static String spc(SpcChart chart) {
        return spc(chart, List.of());
    }

    /** A note marked on a chart at one of its periods: a PDSA change date, an event the team wants seen. */
    public record Note(String label, String text) {
    }

    /**
     * The chart with notes marked at their periods (numbered lines, the texts listed under the legend), each
     * segment's centre and limits drawn apart with the recalculation marked, and the baseline shaded.
     */
    public static String spc(SpcChart chart, List<Note> notes) {
        String title = chart.title() != null ? chart.title() : "Statistical process control chart";
        String yLabel = chart.metricTitle() != null ? chart.metricTitle() : "Value";
        boolean percent = MetricType.PROPORTION.code().equals(chart.metricType());
        List<SpcChart.Point> points = chart.points();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (SpcChart.Point p : points) {
            for (Double v : new Double[] {p.value(), p.centre(), p.lowerLimit(), p.upperLimit()}) {
                if (v != null) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (chart.target() != null) {
            min = Math.min(min, chart.target());
            max = Math.max(max, chart.target());
        }
        Scale y = Scale.of(min, max, percent);
        int n = points.size();
        ToDoubleFunction<Integer> x = i -> LEFT + (n == 1 ? 0.5 : i / (double) (n - 1)) * (WIDTH - LEFT - RIGHT);
        StringBuilder description = new StringBuilder("Statistical process control chart (" + chart.chart() + " chart) of "
                + n + " points; variation: " + variationWords(chart.variation()) + "; assurance: "
                + assuranceWords(chart.assurance()));
        for (int i = 0; i < notes.size(); i++) {
            description.append("; note ").append(i + 1).append(" at ").append(notes.get(i).label()).append(": ")
                    .append(notes.get(i).text());
        }
        StringBuilder svg = start(title, description.toString());
        boolean baseline = baseline(svg, chart, x);
        axes(svg, y, yLabel, "Period", percent);
        boolean rebased = false;
        for (List<SpcChart.Point> segment : segments(points)) {
            int from = points.indexOf(segment.get(0));
            ToDoubleFunction<Integer> sx = i -> x.applyAsDouble(from + i);
            line(svg, "centre", segment, sx, y, SpcChart.Point::centre, "#231f20", false);
            line(svg, "upper-limit", segment, sx, y, p -> p.upperLimit(), "#7f7f7f", true);
            line(svg, "lower-limit", segment, sx, y, p -> p.lowerLimit(), "#7f7f7f", true);
            if (from > 0) {
                rebased = true;
                double at = (x.applyAsDouble(from - 1) + x.applyAsDouble(from)) / 2;
                svg.append(String.format(Locale.ROOT, "<line class=\"rebase\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\""
                        + " stroke=\"#231f20\" stroke-width=\"2\"/><text class=\"rebase-label\" x=\"%.1f\" y=\"%d\""
                        + " font-size=\"10\">Limits recalculated from %s</text>%n", at, at, TOP, HEIGHT - BOTTOM, at + 3,
                        TOP + 10, escape(segment.get(0).label())));
            }
        }
        noteLines(svg, chart, notes, x);
        if (chart.target() != null) {
            svg.append(String.format(Locale.ROOT, "<line class=\"target\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\""
                    + " stroke=\"#de1b1b\" stroke-dasharray=\"2 3\"/>%n", LEFT, WIDTH - RIGHT, y.at(chart.target()),
                    y.at(chart.target())));
        }
        svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"#a6a6a6\" points=\"");
        for (int i = 0; i < n; i++) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(i), y.at(points.get(i).value())));
        }
        svg.append("\"/>\n");
        for (int i = 0; i < n; i++) {
            SpcChart.Point p = points.get(i);
            svg.append(String.format(Locale.ROOT, "<circle class=\"point %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\""
                    + "><title>%s: %s (%s)</title></circle>%n", p.pointType(), x.applyAsDouble(i), y.at(p.value()),
                    colour(p.pointType()), escape(p.label()), percent ? percent(p.value(), 0.001) : number(p.value()),
                    p.pointType()));
        }
        int step = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int i = 0; i < n; i += step) {
            svg.append(String.format(Locale.ROOT, "<text class=\"x-label\" x=\"%.1f\" y=\"%d\" font-size=\"11\""
                    + " text-anchor=\"end\" transform=\"rotate(-45 %.1f %d)\">%s</text>%n", x.applyAsDouble(i),
                    HEIGHT - BOTTOM + 16, x.applyAsDouble(i), HEIGHT - BOTTOM + 16, escape(points.get(i).label())));
        }
        icon(svg, "variation-icon", WIDTH - RIGHT + 45, TOP + 30, variationColour(chart.variation()),
                variationLetter(chart), variationWords(chart.variation()));
        icon(svg, "assurance-icon", WIDTH - RIGHT + 45, TOP + 110, assuranceColour(chart.assurance()),
                assuranceLetter(chart.assurance()), assuranceWords(chart.assurance()));
        legend(svg, chart.target() != null, baseline, rebased, notes);
        return svg.append("</svg>\n").toString();
    }

    /** The points split where a rebase starts a new segment, each with its own centre and limits. */
    private static List<List<SpcChart.Point>> segments(List<SpcChart.Point> points) {
        List<List<SpcChart.Point>> segments = new ArrayList<>();
        for (SpcChart.Point p : points) {
            if (segments.isEmpty() || segments.get(segments.size() - 1).get(0).segment() != p.segment()) {
                segments.add(new ArrayList<>());
            }
            segments.get(segments.size() - 1).add(p);
        }
        return segments;
    }

    /** A pale band behind the points each segment's limits were calculated from, when that is not all of them. */
    private static boolean baseline(StringBuilder svg, SpcChart chart, ToDoubleFunction<Integer> x) {
        Integer size = chart.baselinePoints();
        if (size == null) {
            return false;
        }
        List<SpcChart.Point> points = chart.points();
        boolean drawn = false;
        for (List<SpcChart.Point> segment : segments(points)) {
            if (segment.size() <= size) {
                continue;
            }
            int from = points.indexOf(segment.get(0));
            double half = points.size() > 1 ? (x.applyAsDouble(1) - x.applyAsDouble(0)) / 2 : 10;
            double left = Math.max(LEFT, x.applyAsDouble(from) - half);
            double right = x.applyAsDouble(from + size - 1) + half;
            svg.append(String.format(Locale.ROOT, "<rect class=\"baseline\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                    + " fill=\"#e8edee\" fill-opacity=\"0.6\"/><text x=\"%.1f\" y=\"%d\" font-size=\"10\">Baseline</text>%n",
                    left, TOP, right - left, HEIGHT - TOP - BOTTOM, left + 3, HEIGHT - BOTTOM - 4));
            drawn = true;
        }
        return drawn;
    }

    /** A numbered line at each note's period; notes at periods the chart does not show are left out. */
    private static void noteLines(StringBuilder svg, SpcChart chart, List<Note> notes, ToDoubleFunction<Integer> x) {
        List<String> labels = chart.points().stream().map(SpcChart.Point::label).toList();
        for (int i = 0; i < notes.size(); i++) {
            int at = labels.indexOf(notes.get(i).label());
            if (at < 0) {
                continue;
            }
            double cx = x.applyAsDouble(at);
            svg.append(String.format(Locale.ROOT, "<g class=\"note\"><title>%s: %s</title><line x1=\"%.1f\" x2=\"%.1f\""
                    + " y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"1 3\"/>"
                    + "<circle cx=\"%.1f\" cy=\"%d\" r=\"8\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\""
                    + " font-weight=\"bold\" text-anchor=\"middle\" fill=\"#ffffff\">%d</text></g>%n",
                    escape(notes.get(i).label()), escape(notes.get(i).text()), cx, cx, TOP + 16, HEIGHT - BOTTOM, NOTE, cx,
                    TOP + 8, NOTE, cx, TOP + 12, i + 1));
        }
    }

    /** What the marks mean, under the icons. */
    private static void legend(StringBuilder svg, boolean target, boolean baseline, boolean rebased, List<Note> notes) {
        int x = WIDTH - RIGHT + 12;
        int y = TOP + 170;
        svg.append("<g class=\"legend\" font-size=\"11\">\n");
        String[][] dots = { {COMMON, "Common cause"}, {CONCERN, "Concern"}, {IMPROVEMENT, "Improvement"},
            {NEUTRAL, "Neutral change"} };
        for (String[] dot : dots) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4.5\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 5, y, dot[0], x + 14, y + 4, dot[1]));
            y += 15;
        }
        String[][] lines = { {"#231f20", "", "Mean"}, {"#7f7f7f", "5 4", "Control limits"} };
        for (String[] line : lines) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\"%s/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, x + 10, y, y, line[0],
                    line[1].isEmpty() ? "" : " stroke-dasharray=\"" + line[1] + "\"", x + 14, y + 4, line[2]));
            y += 15;
        }
        if (target) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#de1b1b\""
                    + " stroke-dasharray=\"2 3\"/><text x=\"%d\" y=\"%d\">Target</text>%n", x, x + 10, y, y, x + 14, y + 4));
            y += 15;
        }
        if (baseline) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#e8edee\"/>"
                    + "<text x=\"%d\" y=\"%d\">Baseline of the limits</text>%n", x, y - 5, x + 14, y + 4));
            y += 15;
        }
        if (rebased) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#231f20\""
                    + " stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">Limits recalculated</text>%n", x + 5, x + 5, y - 6, y + 6,
                    x + 14, y + 4));
            y += 15;
        }
        for (int i = 0; i < notes.size() && y < HEIGHT - 10; i++) {
            String text = notes.get(i).text();
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"%s\"/><text x=\"%d\" y=\"%d\""
                    + " font-size=\"9\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#ffffff\">%d</text>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 5, y, NOTE, x + 5, y + 3, i + 1, x + 14, y + 4,
                    escape(text.length() > 24 ? text.substring(0, 23) + "…" : text)));
            y += 15;
        }
        svg.append("</g>\n");
    }

    /**
     * A funnel plot: the national value, 95 % (alert) and 99.8 % (alarm) limits, outliers named, and the reader's
     * own organisation ({@code highlight}, or null) ringed and named.
     */
    public static String funnel(FunnelChart funnel, String highlight) {
        String title = funnel.title() != null ? funnel.title() : "Funnel plot";
        String yLabel = funnel.metricTitle() != null ? funnel.metricTitle() : "Value";
        double min = funnel.target();
        double max = funnel.target();
        for (FunnelChart.Unit u : funnel.units()) {
            min = Math.min(min, u.value());
            max = Math.max(max, u.value());
        }
        for (FunnelChart.CurvePoint c : funnel.curve()) {
            min = Math.min(min, c.limits().alarmLow());
            max = Math.max(max, c.limits().alarmHigh());
        }
        boolean percent = MetricType.PROPORTION.code().equals(funnel.type());
        boolean ratio = MetricType.STANDARDISED_RATIO.code().equals(funnel.type());
        Scale y = Scale.of(min, max, percent);
        double largest = funnel.curve().get(funnel.curve().size() - 1).denominator();
        ToDoubleFunction<Double> x = n -> LEFT + n / largest * (WIDTH - LEFT - RIGHT);
        StringBuilder svg = start(title, "Funnel plot of " + funnel.units().size() + " organisations against a national value of "
                + (percent ? percent(funnel.target(), 0.001) : number(funnel.target())) + "; overdispersion "
                + funnel.overdispersion().method() + (highlight == null ? "" : "; " + highlight + " ringed"));
        axes(svg, y, yLabel, ratio ? "Expected count (from the risk model)" : "Denominator (cases or exposure)", percent);
        svg.append(String.format(Locale.ROOT, "<line class=\"target\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\""
                + " stroke=\"#231f20\"/>%n", LEFT, WIDTH - RIGHT, y.at(funnel.target()), y.at(funnel.target())));
        curve(svg, "alarm-high", funnel, x, y, l -> l.alarmHigh(), "#de1b1b");
        curve(svg, "alert-high", funnel, x, y, l -> l.alertHigh(), "#fab428");
        curve(svg, "alert-low", funnel, x, y, l -> l.alertLow(), "#fab428");
        curve(svg, "alarm-low", funnel, x, y, l -> l.alarmLow(), "#de1b1b");
        for (FunnelChart.Unit u : funnel.units()) {
            boolean outlier = !"within".equals(u.classification());
            boolean own = u.id().equals(highlight);
            double size = ratio ? u.expected() : u.denominator();
            double cx = x.applyAsDouble(size);
            double cy = y.at(u.value());
            if (own) {
                svg.append(String.format(Locale.ROOT, "<circle class=\"own\" cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\""
                        + " stroke=\"%s\" stroke-width=\"3\"/>%n", cx, cy, NOTE));
            }
            svg.append(String.format(Locale.ROOT, "<circle class=\"unit %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\">"
                    + "<title>%s: %s %s %s (%s)</title></circle>%n", u.classification(), cx, cy,
                    outlier ? (u.classification().startsWith("alarm") ? "#de1b1b" : CONCERN) : COMMON,
                    escape(u.id()), percent ? percent(u.value(), 0.001) : number(u.value()), ratio ? "at expected" : "of",
                    ratio ? number(size) : String.valueOf(u.denominator()), u.classification()));
            if (outlier || own) {
                svg.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" font-size=\"12\"%s>%s</text>%n",
                        own ? "own-label" : "outlier-label", cx + 11, cy - 8, own ? " font-weight=\"bold\"" : "",
                        escape(own ? u.id() + " (you)" : u.id())));
            }
        }
        funnelLegend(svg, highlight != null, ratio ? "As expected (1.00)"
                : "National value " + (percent ? percent(funnel.target(), 0.001) : number(funnel.target())));
        for (int i = 0; i <= 4; i++) {
            double n = largest * i / 4;
            svg.append(String.format(Locale.ROOT, "<text class=\"x-label\" x=\"%.1f\" y=\"%d\" font-size=\"11\""
                    + " text-anchor=\"middle\">%s</text>%n", x.applyAsDouble(n), HEIGHT - BOTTOM + 18,
                    largest >= 20 ? String.format(Locale.ROOT, "%.0f", n) : number(n)));
        }
        return svg.append("</svg>\n").toString();
    }

    /** @param centre what the centre line is, as the legend names it */
    private static void funnelLegend(StringBuilder svg, boolean own, String centre) {
        int x = WIDTH - RIGHT + 12;
        int y = TOP + 20;
        svg.append("<g class=\"legend\" font-size=\"11\">\n");
        String[][] lines = { {"#231f20", "", centre}, {"#fab428", "6 4", "95% limits (alert)"},
            {"#de1b1b", "6 4", "99.8% limits (alarm)"} };
        for (String[] line : lines) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\"%s/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, x + 10, y, y, line[0],
                    line[1].isEmpty() ? "" : " stroke-dasharray=\"" + line[1] + "\"", x + 14, y + 4, escape(line[2])));
            y += 15;
        }
        String[][] dots = { {COMMON, "Within the limits"}, {CONCERN, "Alert outlier"}, {"#de1b1b", "Alarm outlier"} };
        for (String[] dot : dots) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4.5\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 5, y, dot[0], x + 14, y + 4, dot[1]));
            y += 15;
        }
        if (own) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">Your organisation</text>%n", x + 5, y, NOTE, x + 14, y + 4));
        }
        svg.append("</g>\n");
    }

    private record Scale(double min, double max) {
        /** @param proportion whether values are fractions of one: the axis then stops at 100 % */
        static Scale of(double min, double max, boolean proportion) {
            double pad = max > min ? (max - min) * 0.08 : Math.max(Math.abs(max) * 0.1, proportion ? 0.05 : 1);
            // Proportions and rates never go below zero: neither does their axis.
            double top = proportion ? Math.min(1, max + pad) : max + pad;
            return new Scale(min >= 0 ? Math.max(0, min - pad) : min - pad, Math.max(top, max));
        }

        /** Round values between min and max, about five of them: steps of 1, 2, 2.5 or 5 times a power of ten. */
        List<Double> ticks() {
            double rough = (max - min) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            double step = magnitude * 10;
            for (double factor : new double[] {1, 2, 2.5, 5}) {
                if (rough <= factor * magnitude) {
                    step = factor * magnitude;
                    break;
                }
            }
            List<Double> ticks = new ArrayList<>();
            for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
                ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
            }
            return ticks;
        }

        double step() {
            List<Double> ticks = ticks();
            return ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : 1;
        }

        double at(double value) {
            return TOP + (max - value) / (max - min) * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static StringBuilder start(String title, String description) {
        StringBuilder svg = new StringBuilder(8192);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"Arial, sans-serif\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append("<desc>").append(escape(description)).append("</desc>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        // A long title (the measure, the audit, the trust and the ward) goes on two lines, broken at a comma.
        int cut = title.length() <= TITLE_LINE ? -1 : title.lastIndexOf(", ", TITLE_LINE);
        if (cut < 0) {
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-title\" x=\"%d\" y=\"28\" font-size=\"16\""
                    + " font-weight=\"bold\">%s</text>%n", LEFT, escape(title)));
        } else {
            svg.append(String.format(Locale.ROOT, "<text class=\"chart-title\" x=\"%d\" y=\"20\" font-size=\"15\""
                    + " font-weight=\"bold\">%s</text><text class=\"chart-subtitle\" x=\"%d\" y=\"38\" font-size=\"13\">"
                    + "%s</text>%n", LEFT, escape(title.substring(0, cut)), LEFT, escape(title.substring(cut + 2))));
        }
        return svg;
    }

    /** What a variation icon means, in words. */
    static String variationWords(String variation) {
        if (variation == null) {
            return "Not enough points yet";
        }
        return switch (variation) {
            case "special-cause-concern" -> "Special cause: concern";
            case "special-cause-improvement" -> "Special cause: improvement";
            case "special-cause-neutral" -> "Special cause: neutral";
            default -> "Common cause";
        };
    }

    /** What an assurance icon means, in words. */
    static String assuranceWords(String assurance) {
        return switch (assurance) {
            case "consistently-passing" -> "Meets the target";
            case "consistently-failing" -> "Misses the target";
            case "inconsistent" -> "Hit and miss";
            default -> "No target";
        };
    }

    private static void axes(StringBuilder svg, Scale y, String yLabel, String xLabel, boolean percent) {
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#231f20\"/>%n",
                LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#231f20\"/>%n",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        double step = y.step();
        for (double value : y.ticks()) {
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\""
                    + " stroke=\"#e8edee\"/>%n", LEFT, WIDTH - RIGHT, y.at(value), y.at(value)));
            svg.append(String.format(Locale.ROOT, "<text class=\"y-label\" x=\"%d\" y=\"%.1f\" font-size=\"11\""
                    + " text-anchor=\"end\">%s</text>%n", LEFT - 6, y.at(value) + 4,
                    percent ? percent(value, step) : number(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text class=\"y-axis-title\" x=\"16\" y=\"%d\" font-size=\"12\""
                + " transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">%s</text>%n", (HEIGHT - BOTTOM + TOP) / 2,
                (HEIGHT - BOTTOM + TOP) / 2, escape(yLabel)));
        svg.append(String.format(Locale.ROOT, "<text class=\"x-axis-title\" x=\"%d\" y=\"%d\" font-size=\"12\""
                + " text-anchor=\"middle\">%s</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, escape(xLabel)));
    }

    /** A fraction as a percentage, with as many decimals as the step between values needs. */
    static String percent(double fraction, double step) {
        int decimals = step * 100 >= 1 ? 0 : step * 100 >= 0.1 ? 1 : 2;
        return String.format(Locale.ROOT, "%." + decimals + "f%%", fraction * 100);
    }

    private static void line(StringBuilder svg, String cssClass, List<SpcChart.Point> points,
            ToDoubleFunction<Integer> x, Scale y, java.util.function.Function<SpcChart.Point, Double> value,
            String colour, boolean dashed) {
        List<String> coordinates = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Double v = value.apply(points.get(i));
            if (v != null) {
                coordinates.add(String.format(Locale.ROOT, "%.1f,%.1f", x.applyAsDouble(i), y.at(v)));
            }
        }
        if (!coordinates.isEmpty()) {
            svg.append("<polyline class=\"").append(cssClass).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append(dashed ? "\" stroke-dasharray=\"6 4" : "").append("\" points=\"")
                    .append(String.join(" ", coordinates)).append("\"/>\n");
        }
    }

    private static void curve(StringBuilder svg, String cssClass, FunnelChart funnel, ToDoubleFunction<Double> x,
            Scale y, ToDoubleFunction<FunnelChart.Limits> limit, String colour) {
        svg.append("<polyline class=\"").append(cssClass).append("\" fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-dasharray=\"6 4\" points=\"");
        for (FunnelChart.CurvePoint c : funnel.curve()) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(c.denominator()),
                    y.at(limit.applyAsDouble(c.limits()))));
        }
        svg.append("\"/>\n");
    }

    private static void icon(StringBuilder svg, String cssClass, int cx, int cy, String colour, String letter, String label) {
        svg.append(String.format(Locale.ROOT, "<g class=\"%s\"><title>%s</title><circle cx=\"%d\" cy=\"%d\" r=\"28\""
                + " fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"4\"/><text x=\"%d\" y=\"%d\" font-size=\"22\""
                + " font-weight=\"bold\" text-anchor=\"middle\" fill=\"%s\">%s</text><text x=\"%d\" y=\"%d\""
                + " font-size=\"10\" text-anchor=\"middle\">%s</text></g>%n", cssClass, escape(label), cx, cy, colour, cx,
                cy + 8, colour, escape(letter), cx, cy + 44, escape(label)));
    }

    static String colour(String pointType) {
        return switch (pointType) {
            case "special-cause-concern" -> CONCERN;
            case "special-cause-improvement" -> IMPROVEMENT;
            case "special-cause-neutral" -> NEUTRAL;
            default -> COMMON;
        };
    }

    private static String variationColour(String variation) {
        return variation == null ? COMMON : colour(variation);
    }

    /** H or L for which way special cause went (high or low), as on the Making Data Count icons. */
    private static String variationLetter(SpcChart chart) {
        if (chart.variation() == null || "common-cause".equals(chart.variation())) {
            return "~";
        }
        SpcChart.Point latest = chart.points().get(chart.points().size() - 1);
        return latest.value() >= latest.centre() ? "H" : "L";
    }

    private static String assuranceColour(String assurance) {
        return switch (assurance) {
            case "consistently-passing" -> IMPROVEMENT;
            case "consistently-failing" -> CONCERN;
            default -> COMMON;
        };
    }

    private static String assuranceLetter(String assurance) {
        return switch (assurance) {
            case "consistently-passing" -> "P";
            case "consistently-failing" -> "F";
            case "inconsistent" -> "?";
            default -> "–";
        };
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
