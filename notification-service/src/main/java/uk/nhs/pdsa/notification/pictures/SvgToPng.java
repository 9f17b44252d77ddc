package uk.nhs.pdsa.notification.pictures;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;

/** An SVG chart as a PNG picture (Apache Batik), and the words that describe it (its title and description). */
public final class SvgToPng {
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
    private static final Pattern DESC = Pattern.compile("<desc>([^<]*)</desc>");

    private SvgToPng() {
    }

    /**
     * @param width the picture's width in pixels (the height follows the SVG's proportions)
     * @throws IllegalArgumentException when the SVG cannot be drawn
     */
    public static byte[] png(String svg, float width) {
        PNGTranscoder transcoder = new PNGTranscoder();
        transcoder.addTranscodingHint(PNGTranscoder.KEY_WIDTH, width);
        ByteArrayOutputStream png = new ByteArrayOutputStream(64 * 1024);
        try {
            transcoder.transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(png));
        } catch (TranscoderException e) {
            throw new IllegalArgumentException("the chart picture could not be drawn", e);
        }
        return png.toByteArray();
    }

    /** The text alternative of a chart: its title, then its description, unescaped. */
    public static String alternative(String svg) {
        return (first(TITLE, svg) + ". " + first(DESC, svg)).strip();
    }

    private static String first(Pattern pattern, String svg) {
        Matcher m = pattern.matcher(svg);
        return m.find() ? m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&") : "";
    }
}
