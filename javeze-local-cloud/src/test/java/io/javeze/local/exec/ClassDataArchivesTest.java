package io.javeze.local.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchivesTest {

    @TempDir
    Path dir;

    private final JdkLocator.Jdk jdk = new JdkLocator.Jdk(Path.of("/jdk"), 21);

    private static String archiveFlag(ClassDataArchives.Plan plan) {
        return plan.flags().stream().filter(f -> f.startsWith("-XX:")).findFirst().orElse("");
    }

    @Test
    void oneLaunchRecordsAndTheArchiveIsPublishedOnlyAfterAJvmExit() throws Exception {
        ClassDataArchives archives = new ClassDataArchives(dir);
        ClassDataArchives.Plan first = archives.plan(jdk, "/ric.jar", "a.B::c", List.of());
        assertThat(archiveFlag(first)).startsWith("-XX:ArchiveClassesAtExit=" + dir);
        ClassDataArchives.Plan concurrent = archives.plan(jdk, "/ric.jar", "a.B::c", List.of());
        assertThat(archiveFlag(concurrent)).isEmpty(); // never two writers of one archive
        assertThat(concurrent.flags()).contains("-Xlog:cds*=off");

        Files.write(first.recording(), new byte[] {1, 2, 3}); // what the JVM writes at exit
        archives.finish(first, 143);
        assertThat(first.target()).exists();
        assertThat(first.recording()).doesNotExist();
        assertThat(archiveFlag(archives.plan(jdk, "/ric.jar", "a.B::c", List.of())))
                .isEqualTo("-XX:SharedArchiveFile=" + first.target());
        // another class path, handler or JDK gets its own archive
        assertThat(archiveFlag(archives.plan(jdk, "/other.jar", "a.B::c", List.of()))).startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aKilledRecorderPublishesNothingAndTheNextLaunchRecordsAgain() throws Exception {
        ClassDataArchives archives = new ClassDataArchives(dir);
        ClassDataArchives.Plan first = archives.plan(jdk, "/ric.jar", "a.B::c", List.of());
        Files.write(first.recording(), new byte[] {1});
        archives.finish(first, 137);
        assertThat(first.target()).doesNotExist();
        assertThat(first.recording()).doesNotExist();
        assertThat(archiveFlag(archives.plan(jdk, "/ric.jar", "a.B::c", List.of()))).startsWith("-XX:ArchiveClassesAtExit=");
    }
}
