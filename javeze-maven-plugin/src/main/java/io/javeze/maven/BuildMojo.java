package io.javeze.maven;

import io.javeze.build.ApplicationFiles;
import io.javeze.build.Packager;
import io.javeze.config.JavezeConfig;
import io.javeze.config.manifest.ManifestStore;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code mvn javeze:build}: one reproducible Lambda zip per function of a javeze app under {@code .javeze/packages},
 * from the classes and manifest this build's {@code compile} produced (bound to {@code package} when declared).
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class BuildMojo extends JavezeMojo {
    @Override
    void run() {
        build(project, getLog());
    }

    static void build(MavenProject project, Log log) {
        Path dir = project.getBasedir().toPath();
        JavezeConfig config = JavezeConfig.load(dir);
        List<Path> classpath = RuntimeJars.of(project);
        ApplicationFiles files = ApplicationFiles.read(Path.of(project.getBuild().getOutputDirectory()), classpath);
        var results = new Packager(dir, config, ManifestStore.read(dir), files).build(new Packager.Listener() {
            @Override
            public void layer(String digest, io.javeze.build.PackageIndex.Layer layer, boolean changed) {
                log.info(String.format("  %-28s %10d bytes  %d jars %s", "layer " + digest.substring(0, 12), layer.size(),
                        layer.jars().size(), changed ? "built" : "unchanged"));
            }

            @Override
            public void packaged(Packager.PackageResult r) {
                log.info(String.format("  %-28s %10d bytes  %-6s %s", r.function(), r.entry().size(), r.entry().architecture(),
                        r.changed() ? "built" : "unchanged"));
            }
        });
        log.info(results.size() + " package(s) in " + dir.resolve(".javeze/packages"));
    }
}
