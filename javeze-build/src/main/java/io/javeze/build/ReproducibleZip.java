package io.javeze.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipUtil;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Zips whose bytes depend only on the entries: sorted names, one fixed timestamp, modes 0644/0755, no
 * extra fields, no data descriptors. Archives are stored as they are (already compressed), except the dependency
 * jars under {@code lib/} (or a layer's {@code java/lib/}), which the packager has rewritten as {@link StoredJar}s; everything else is deflated.
 */
public final class ReproducibleZip {
    /** 2000-01-01 00:00:00 in MS-DOS date/time fields, the same in every time zone. */
    static final long DOS_TIME = ((2000L - 1980) << 25) | (1L << 21) | (1L << 16);
    private static final int FILE_MODE = 0100644;
    private static final int EXECUTABLE_MODE = 0100755;

    private ReproducibleZip() {}

    public static byte[] write(Collection<PackageEntry> entries) {
        List<PackageEntry> sorted = entries.stream().sorted(Comparator.comparing(PackageEntry::path)).toList();
        // converting back from DOS time in the local zone makes the writer emit exactly DOS_TIME again
        long time = ZipUtil.dosToJavaTime(DOS_TIME);
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(channel)) {
            zip.setUseZip64(Zip64Mode.Never);
            for (PackageEntry e : sorted) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.path());
                entry.setTime(time);
                entry.setUnixMode(e.executable() ? EXECUTABLE_MODE : FILE_MODE);
                entry.setSize(e.content().length);
                if (isArchive(e.path())) {
                    entry.setMethod(ZipEntry.STORED);
                    CRC32 crc = new CRC32();
                    crc.update(e.content());
                    entry.setCrc(crc.getValue());
                } else {
                    entry.setMethod(ZipEntry.DEFLATED);
                }
                zip.putArchiveEntry(entry);
                zip.write(e.content());
                zip.closeArchiveEntry();
            }
            zip.finish();
            return Arrays.copyOf(channel.array(), (int) channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isLibraryJar(String path, String dir) {
        return path.startsWith(dir) && path.indexOf('/', dir.length()) < 0 && path.endsWith(".jar");
    }

    private static boolean isArchive(String path) {
        if (isLibraryJar(path, "lib/") || isLibraryJar(path, DependencyLayer.LIBRARY_DIR)) return false;
        return path.endsWith(".jar") || path.endsWith(".zip");
    }
}
