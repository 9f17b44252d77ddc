package uk.nhs.pdsa.notification.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class SvgToPngTest {
    /** A chart as findings draws one: title, description, axes, a limit line, points, text. */
    static final String CHART = """
            <svg xmlns="http://www.w3.org/2000/svg" width="900" height="420" viewBox="0 0 900 420" role="img" font-family="Arial, sans-serif">
            <title>Surgery within 36 hours (NHFD), Trauma ward &amp; theatres</title>
            <desc>Statistical process control chart (p chart) of 3 points; variation special-cause-concern</desc>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text x="70" y="28" font-size="16" font-weight="bold">Surgery within 36 hours</text>
            <line x1="70" y1="50" x2="70" y2="350" stroke="#231f20"/>
            <polyline fill="none" stroke="#7f7f7f" stroke-dasharray="6 4" points="70,100 730,100"/>
            <circle cx="100" cy="200" r="4.5" fill="#a6a6a6"/><circle cx="400" cy="210" r="4.5" fill="#a6a6a6"/>
            <circle cx="700" cy="330" r="4.5" fill="#fab428"/>
            </svg>""";

    @Test
    void shouldDrawTheChartAsAPngOfTheWidthAsked() throws Exception {
        byte[] png = SvgToPng.png(CHART, 900);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(420);
        // The concern point is drawn in Making Data Count orange, the background white.
        assertThat(image.getRGB(700, 330) & 0xffffff).isEqualTo(0xfab428);
        assertThat(image.getRGB(850, 400) & 0xffffff).isEqualTo(0xffffff);
        assertThat(png.length).isLessThan(100_000);
    }

    @Test
    void shouldDescribeTheChartInWordsFromItsTitleAndDescription() {
        assertThat(SvgToPng.alternative(CHART)).isEqualTo("Surgery within 36 hours (NHFD), Trauma ward & theatres."
                + " Statistical process control chart (p chart) of 3 points; variation special-cause-concern");
    }

    @Test
    void shouldRefuseWhatIsNotAPicture() {
        assertThatThrownBy(() -> SvgToPng.png("<html>not a chart</html>", 900)).isInstanceOf(IllegalArgumentException.class);
    }
}
