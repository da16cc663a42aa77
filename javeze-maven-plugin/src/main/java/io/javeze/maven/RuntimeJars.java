package io.javeze.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/** The jars a Lambda package carries: compile and runtime scope, as Maven resolved them for this build. */
final class RuntimeJars {
    private RuntimeJars() {}

    static List<Path> of(MavenProject project) {
        List<Path> jars = new ArrayList<>();
        for (Artifact a : project.getArtifacts()) {
            String scope = a.getScope();
            if (a.getFile() != null && a.getFile().getName().endsWith(".jar")
                    && (Artifact.SCOPE_COMPILE.equals(scope) || Artifact.SCOPE_RUNTIME.equals(scope))) {
                jars.add(a.getFile().toPath());
            }
        }
        return jars;
    }
}
