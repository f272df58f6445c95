package io.attune.bootstrap.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, held while this process runs the embedded infrastructure in it.
 *
 * <p>The operating system releases the lock when the process dies, even by {@code kill -9}, so a lock that
 * can be taken proves that whatever else is still running on the directory (an orphaned PostgreSQL server)
 * belongs to nobody and may be stopped.
 */
public final class DataDirectoryLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with a message that says who holds it. */
    public static DataDirectoryLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("attune.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = "";
            try {
                holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException ignored) {
                // the holder's pid is only a hint for the message
            }
            channel.close();
            throw new IllegalStateException("Another Attune process" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is running the embedded database/broker in " + dataDir
                    + ". Stop it, point this one at it with ATTUNE_DATABASE_URL/ATTUNE_AMQP_URL,"
                    + " or give this one another ATTUNE_DATA_DIR.");
        }
        channel.truncate(0);
        channel.write(StandardCharsets.UTF_8.encode(ProcessHandle.current().pid() + "\n"), 0);
        channel.force(false);
        return new DataDirectoryLock(file, channel, lock);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
