package io.attune.adapters.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Reads one output stream of a process on its own thread, keeping the first {@code cap} bytes and counting the rest.
 * Reading goes on past the cap so the process never blocks on a full pipe.
 */
final class StreamCapture {

    /** What was kept, decoded, and how many bytes were not kept. */
    record Captured(String text, long overflowBytes) {
    }

    private final InputStream in;
    private final int cap;
    private final Thread reader;
    private byte[] kept = new byte[0];
    private int size;
    private long overflow;
    /** How many of the kept bytes {@link #takeNew} handed out. */
    private int handed;
    private volatile boolean abandoned;

    private StreamCapture(InputStream in, int cap, String threadName) {
        this.in = in;
        this.cap = cap;
        // A platform thread: a blocking pipe read would pin a virtual thread's carrier for the whole run.
        this.reader = Thread.ofPlatform().daemon().name(threadName).unstarted(this::pump);
    }

    static StreamCapture start(InputStream in, int cap, String threadName) {
        StreamCapture capture = new StreamCapture(in, cap, threadName);
        capture.reader.start();
        return capture;
    }

    /** Waits until the stream ended (every writer closed it), at most {@code wait}; whether it did. */
    boolean awaitEnd(Duration wait) throws InterruptedException {
        return reader.join(wait.isNegative() ? Duration.ZERO : wait);
    }

    /**
     * Stops caring about the stream: a process that left the tree may hold it open forever. The reader drops
     * anything it still reads and ends once its blocked read returns.
     */
    void abandon() {
        abandoned = true;
        Thread.ofVirtual().start(() -> {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing more to read either way
            }
        });
    }

    /**
     * What was kept, as text. A NUL byte becomes U+FFFD: PostgreSQL text cannot hold it, and an action printing one
     * (cat of a /proc file) must not make its own end unwritable.
     */
    synchronized Captured captured() {
        int end = overflow > 0 ? completeUtf8Prefix(kept, size) : size;
        return new Captured(new String(kept, 0, end, StandardCharsets.UTF_8).replace('\0', '\uFFFD'),
                overflow + (size - end));
    }

    /**
     * The kept bytes not handed out before, as text (like {@link #captured}); a multi-byte character still being
     * written waits for its last byte, unless the stream has ended.
     */
    synchronized String takeNew() {
        int end = overflow > 0 || reader.isAlive() ? completeUtf8Prefix(kept, size) : size;
        if (end <= handed) {
            return "";
        }
        String text = new String(kept, handed, end - handed, StandardCharsets.UTF_8).replace('\0', '\uFFFD');
        handed = end;
        return text;
    }

    private void pump() {
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0 && !abandoned) {
                append(chunk, n);
            }
        } catch (IOException e) {
            // the stream was closed by abandon() or the pipe broke: what was read stays
        }
    }

    private synchronized void append(byte[] chunk, int n) {
        int room = cap - size;
        int take = Math.min(room, n);
        if (take > 0) {
            if (size + take > kept.length) {
                kept = Arrays.copyOf(kept, (int) Math.min(cap, Math.max(size + take, Math.max(8192L, 2L * kept.length))));
            }
            System.arraycopy(chunk, 0, kept, size, take);
            size += take;
        }
        overflow += n - take;
    }

    /**
     * The length of the longest prefix of {@code bytes[0, length)} that does not end inside a UTF-8 sequence, so a
     * cut through a multi-byte character drops that character instead of turning it into a replacement char.
     */
    static int completeUtf8Prefix(byte[] bytes, int length) {
        int start = length - 1;
        while (start >= 0 && length - start <= 3 && (bytes[start] & 0xC0) == 0x80) {
            start--;
        }
        if (start < 0) {
            return length;
        }
        int lead = bytes[start] & 0xFF;
        int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return length - start < needed ? start : length;
    }
}
