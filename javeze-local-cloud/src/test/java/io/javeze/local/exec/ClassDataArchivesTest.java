package io.javeze.local.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataArchivesTest {

    @TempDir
    Path dir;

    private final JdkLocator.Jdk jdk = new JdkLocator.Jdk(Path.of("/jdk"), 21);

    @Test
    void oneLaunchRecordsAndTheArchiveIsPublishedOnlyAfterAJvmExit() throws Exception {
        ClassDataArchives archives = new ClassDataArchives(dir);
        ClassDataArchives.Plan first = archives.plan(jdk, "/ric.jar a.B::c");
        assertThat(first.recording()).isDirectory();
        assertThat(ClassDataArchives.flags(null, first.recording().resolve(ClassDataArchives.FILE).toString()))
                .containsExactly("-Xlog:cds*=off", "-XX:ArchiveClassesAtExit=" + first.recording().resolve("function.jsa"));
        ClassDataArchives.Plan concurrent = archives.plan(jdk, "/ric.jar a.B::c");
        assertThat(concurrent.recording()).isNull(); // never two writers of one archive
        assertThat(concurrent.existing()).isNull();

        Files.write(first.recording().resolve(ClassDataArchives.FILE), new byte[] {1, 2, 3}); // what the JVM writes at exit
        archives.finish(first, 143);
        assertThat(first.target()).exists();
        assertThat(first.recording()).doesNotExist();
        assertThat(archives.plan(jdk, "/ric.jar a.B::c").existing()).isEqualTo(first.target());
        // another class path, handler, code or JDK gets its own archive
        assertThat(archives.plan(jdk, "/other.jar a.B::c").recording()).isNotNull();
    }

    @Test
    void aKilledRecorderPublishesNothingAndTheNextLaunchRecordsAgain() throws Exception {
        ClassDataArchives archives = new ClassDataArchives(dir);
        ClassDataArchives.Plan first = archives.plan(jdk, "/ric.jar a.B::c");
        Files.write(first.recording().resolve(ClassDataArchives.FILE), new byte[] {1});
        archives.finish(first, 137);
        assertThat(first.target()).doesNotExist();
        assertThat(first.recording()).doesNotExist();
        assertThat(archives.plan(jdk, "/ric.jar a.B::c").recording()).isNotNull();
    }

    @Test
    void aLinkLeftInTheRecordingDirectoryIsNeverPublished() throws Exception {
        // a sandboxed function writes its recording directory: a link there must not expose a host file later
        ClassDataArchives archives = new ClassDataArchives(dir);
        ClassDataArchives.Plan plan = archives.plan(jdk, "/ric.jar a.B::c");
        Path secret = Files.writeString(dir.resolve("secret.txt"), "host file");
        Files.createSymbolicLink(plan.recording().resolve(ClassDataArchives.FILE), secret);
        archives.finish(plan, 0);
        assertThat(plan.target()).doesNotExist();
        assertThat(plan.recording()).doesNotExist();
        assertThat(secret).hasContent("host file");
    }
}
