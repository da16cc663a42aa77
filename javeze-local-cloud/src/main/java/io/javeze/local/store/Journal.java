package io.javeze.local.store;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The append-only file under {@link StateStore}: numbered segments {@code journal-NNNNNNNN.log}, one JSON line per
 * change. Appending only buffers; {@link #awaitDurable} writes and fsyncs. Group commit: while one caller fsyncs,
 * every line appended meanwhile waits for the next fsync, which one of those callers performs for all of them.
 *
 * <p>Segments are written through a {@link FileOutputStream}, not a {@code FileChannel}: a channel is closed for
 * every thread when any thread is interrupted inside it, and the flusher is whichever request thread got there
 * first, so one interrupted invocation would make the whole store unwritable.
 */
final class Journal implements AutoCloseable {
    private final Path dir;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private FileOutputStream out;
    private int segment;
    private long segmentBytes;
    private long appended;
    private long durable;
    /** Whoever holds this token alone touches {@link #out}: the flusher, or a rotation. */
    private boolean busy;
    private boolean closed;

    Journal(Path dir, int firstSegment) {
        this.dir = dir;
        this.segment = firstSegment;
        this.out = openSegment(firstSegment);
    }

    static String segmentName(int n) {
        return String.format("journal-%08d.log", n);
    }

    private FileOutputStream openSegment(int n) {
        Path file = dir.resolve(segmentName(n));
        try {
            PrivateFiles.createDirectories(dir);
            PrivateFiles.createFile(file);
            FileOutputStream stream = new FileOutputStream(file.toFile(), true);
            syncDirectory(); // the new segment's name must survive a crash as much as its lines
            return stream;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot create the local cloud's journal: " + e.getMessage(), e);
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (UnsupportedOperationException | IOException notOnThisPlatform) {
            // Windows cannot open a directory; the file itself is still synced
        }
    }

    /** Buffers one line; returns its sequence number for {@link #awaitDurable}. */
    synchronized long append(byte[] line) {
        if (closed) {
            throw new IllegalStateException("the local cloud's journal is closed");
        }
        pending.write(line, 0, line.length);
        pending.write('\n');
        return ++appended;
    }

    synchronized long appended() {
        return appended;
    }

    /** Returns once line {@code seq} (and every line before it) is on disk. */
    void awaitDurable(long seq) {
        while (true) {
            byte[] batch;
            long upTo;
            synchronized (this) {
                while (busy && durable < seq) {
                    waitUninterruptibly();
                }
                if (durable >= seq) {
                    return;
                }
                busy = true;
                batch = pending.toByteArray();
                pending.reset();
                upTo = appended;
            }
            boolean done = false;
            try {
                write(batch);
                done = true;
            } finally {
                synchronized (this) {
                    if (done) {
                        durable = upTo;
                    } else {
                        pending.writeBytes(batch); // the next flusher retries them, in order, before newer lines
                    }
                    busy = false;
                    notifyAll();
                }
            }
        }
    }

    private void write(byte[] batch) {
        try {
            out.write(batch);
            out.getFD().sync();
            segmentBytes += batch.length;
        } catch (IOException e) {
            throw new UncheckedIOException("the local cloud's journal cannot be written: " + e.getMessage(), e);
        }
    }

    private void waitUninterruptibly() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the journal", e);
        }
    }

    /** Bytes in the current segment, to decide on compaction. */
    synchronized long segmentBytes() {
        return segmentBytes + pending.size();
    }

    /**
     * Makes everything appended so far durable in the current segment and starts the next one; returns the new
     * segment's number. The caller holds the lock that orders appends, so nothing lands between the two.
     */
    int rotate() {
        awaitDurable(appended());
        synchronized (this) {
            while (busy) {
                waitUninterruptibly();
            }
            busy = true;
        }
        try {
            synchronized (this) {
                if (pending.size() > 0) { // appended between the flush above and taking the token: same segment
                    write(pending.toByteArray());
                    pending.reset();
                    durable = appended;
                }
            }
            closeSegment();
            segment++;
            segmentBytes = 0;
            out = openSegment(segment);
            return segment;
        } finally {
            synchronized (this) {
                busy = false;
                notifyAll();
            }
        }
    }

    private void closeSegment() {
        try {
            out.close();
        } catch (IOException ignored) {
            // every line was forced already
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        awaitDurable(appended());
        synchronized (this) {
            closed = true;
            closeSegment();
        }
    }
}
