package io.attune.adapters.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamCaptureTest {

    private static StreamCapture.Captured capture(byte[] bytes, int cap) throws InterruptedException {
        StreamCapture capture = StreamCapture.start(new ByteArrayInputStream(bytes), cap, "test-reader");
        assertThat(capture.awaitEnd(Duration.ofSeconds(5))).isTrue();
        return capture.captured();
    }

    @Test
    void aCutThroughAMultiByteCharacterDropsTheWholeCharacter() throws Exception {
        byte[] bytes = "ééé€".getBytes(StandardCharsets.UTF_8); // 2 + 2 + 2 + 3 bytes

        StreamCapture.Captured captured = capture(bytes, 7);

        assertThat(captured.text()).isEqualTo("ééé");
        assertThat(captured.overflowBytes()).isEqualTo(3);
    }

    @Test
    void outputWithinTheCapIsKeptWhole() throws Exception {
        byte[] bytes = "héllo €\n".getBytes(StandardCharsets.UTF_8);

        StreamCapture.Captured captured = capture(bytes, bytes.length);

        assertThat(captured.text()).isEqualTo("héllo €\n");
        assertThat(captured.overflowBytes()).isZero();
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws Exception {
        StreamCapture.Captured captured = capture(new byte[] {'a', (byte) 0xFF, 'b'}, 100);

        assertThat(captured.text()).isEqualTo("a\uFFFDb");
    }

    @Test
    void aNulByteIsKeptAsAReplacementCharacter() throws Exception {
        StreamCapture capture = StreamCapture.start(new java.io.ByteArrayInputStream(new byte[] {'a', 0, 'b'}), 100,
                "test-nul");

        assertThat(capture.awaitEnd(java.time.Duration.ofSeconds(5))).isTrue();
        assertThat(capture.captured().text()).isEqualTo("a\uFFFDb");
    }

    @Test
    void handsOutWhatIsNewOnceAndAWholeCharacterOnlyAndNothingPastTheCap() throws Exception {
        java.io.PipedOutputStream writer = new java.io.PipedOutputStream();
        StreamCapture capture = StreamCapture.start(new java.io.PipedInputStream(writer), 8, "test-new");
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);

        writer.write(new byte[] {'a', 'b', euro[0], euro[1]});
        writer.flush();
        awaitTaken(capture, "ab");
        writer.write(new byte[] {euro[2], 'c', 'd', 'e', 'f', 'g'});
        writer.close();
        assertThat(capture.awaitEnd(java.time.Duration.ofSeconds(5))).isTrue();

        assertThat(capture.takeNew()).isEqualTo("€cde");
        assertThat(capture.takeNew()).isEmpty();
        assertThat(capture.captured().text()).isEqualTo("ab€cde");
        assertThat(capture.captured().overflowBytes()).isEqualTo(2);
    }

    private static void awaitTaken(StreamCapture capture, String expected) throws InterruptedException {
        StringBuilder taken = new StringBuilder();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!taken.toString().equals(expected) && System.nanoTime() < deadline) {
            taken.append(capture.takeNew());
            Thread.sleep(10);
        }
        assertThat(taken.toString()).isEqualTo(expected);
    }
}
