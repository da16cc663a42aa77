package io.javeze.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;

class ReproducibleZipTest {
    private static final List<PackageEntry> ENTRIES = List.of(
            new PackageEntry("b/B.class", "class b".getBytes(StandardCharsets.UTF_8), false),
            new PackageEntry("a.properties", "x=1".getBytes(StandardCharsets.UTF_8), false),
            new PackageEntry("bin/run", "#!/bin/sh".getBytes(StandardCharsets.UTF_8), true),
            new PackageEntry("lib/dep.jar", "jar bytes".getBytes(StandardCharsets.UTF_8), false));

    @Test
    void sameEntriesInAnyOrderGiveTheSameBytes() {
        List<PackageEntry> shuffled = new ArrayList<>(ENTRIES);
        Collections.reverse(shuffled);

        assertThat(ReproducibleZip.write(shuffled)).isEqualTo(ReproducibleZip.write(ENTRIES));
    }

    @Test
    void bytesDoNotDependOnTheTimeZone() {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            byte[] auckland = ReproducibleZip.write(ENTRIES);
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            assertThat(ReproducibleZip.write(ENTRIES)).isEqualTo(auckland);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void archivesOutsideLibAreStoredAsTheyAre() throws Exception {
        byte[] zip = ReproducibleZip.write(List.of(new PackageEntry("data/bundle.zip", new byte[] {9, 9}, false),
                new PackageEntry("lib/nested/x.jar", new byte[] {7}, false)));

        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            assertThat(Collections.list(file.getEntriesInPhysicalOrder())).extracting(ZipArchiveEntry::getMethod)
                    .containsExactly(ZipEntry.STORED, ZipEntry.STORED);
        }
    }

    @Test
    void entriesAreSortedWithNormalisedModesAndNoExtraFields() throws Exception {
        byte[] zip = ReproducibleZip.write(ENTRIES);

        try (ZipFile file = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            List<ZipArchiveEntry> entries = Collections.list(file.getEntriesInPhysicalOrder());
            assertThat(entries).extracting(ZipArchiveEntry::getName)
                    .containsExactly("a.properties", "b/B.class", "bin/run", "lib/dep.jar");
            assertThat(entries).extracting(ZipArchiveEntry::getUnixMode)
                    .containsExactly(0100644, 0100644, 0100755, 0100644);
            assertThat(entries).allSatisfy(e -> {
                assertThat(e.getExtra()).isNullOrEmpty();
                assertThat(e.getCentralDirectoryExtra()).isNullOrEmpty();
                assertThat(e.getLastModifiedDate()).isEqualTo(entries.get(0).getLastModifiedDate());
            });
            // the packager rewrites lib/ jars as stored jars, so one deflate over the whole jar pays off
            assertThat(entries.get(3).getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(entries.get(0).getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(file.getInputStream(entries.get(2)).readAllBytes()).isEqualTo("#!/bin/sh".getBytes(StandardCharsets.UTF_8));
        }
    }
}
