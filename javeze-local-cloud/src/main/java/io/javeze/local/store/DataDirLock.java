package io.javeze.local.store;

import io.javeze.config.JavezeException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One local cloud per data directory: an exclusive OS lock on {@code <dataDir>/local-cloud.lock}, held for the cloud's
 * lifetime (the OS releases it when the process dies, even by kill -9). The file names the holder (pid, then endpoint)
 * so a second cloud can say which one is running. The file is never deleted: deleting it would let a third cloud lock
 * a fresh file while the second still holds the old one.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE = "local-cloud.lock";

    private final FileChannel channel;
    private final FileLock lock;

    /** Another local cloud holds the data directory. */
    public static final class InUse extends JavezeException {
        InUse(String message) {
            super(message);
        }
    }

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the data directory (created 0700 if missing), or fails naming the local cloud that holds it. */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            PrivateFiles.createDirectories(dataDir);
            if (!Files.exists(file)) {
                try {
                    PrivateFiles.createFile(file);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another cloud created it first: the lock decides
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InUse(dataDir + ": another local cloud is using this data directory (" + holder(file)
                        + "); stop it (javeze local stop) or pass another --data-dir");
            }
            DataDirLock held = new DataDirLock(channel, lock);
            held.describe("pid " + ProcessHandle.current().pid() + ", starting");
            return held;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // failing anyway
                }
            }
            throw new JavezeException(file + ": cannot lock the local cloud's data directory: " + e.getMessage(), e);
        }
    }

    /** Records the endpoint the holder serves, for the message a second cloud prints. */
    public void serving(URI endpoint) {
        describe("pid " + ProcessHandle.current().pid() + ", " + endpoint);
    }

    private void describe(String holder) {
        try {
            channel.truncate(0);
            ByteBuffer bytes = ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8));
            long position = 0;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (IOException e) {
            throw new JavezeException("cannot write the local cloud's lock file: " + e.getMessage(), e);
        }
    }

    /** The endpoint the lock file names once its holder serves, if it names one. */
    public static java.util.Optional<URI> holderEndpoint(Path dataDir) {
        String text = holder(dataDir.resolve(FILE));
        int at = text.indexOf(", http");
        try {
            return at < 0 ? java.util.Optional.empty() : java.util.Optional.of(URI.create(text.substring(at + 2)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "pid unknown" : text;
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel or the process
        }
    }
}
