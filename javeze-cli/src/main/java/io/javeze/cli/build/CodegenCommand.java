package io.javeze.cli.build;

import io.javeze.build.maven.MavenProject;
import io.javeze.cli.ProjectOption;
import io.javeze.config.JavezeConfig;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "codegen", mixinStandardHelpOptions = true,
        description = "Compile the project: validate handlers, generate Lambda handlers, write .javeze/manifest.json.")
public final class CodegenCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    BuildOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = project.dir();
        PrintWriter err = spec.commandLine().getErr();
        JavezeConfig.load(dir);
        new MavenProject(dir, options.offline, project.verbose, err::println).compile();
        Manifest manifest = ManifestStore.read(dir);
        print(spec.commandLine().getOut(), dir, manifest, options.json());
        return 0;
    }

    static void print(PrintWriter out, Path dir, Manifest manifest, boolean json) {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("manifest", ManifestStore.path(dir).toString());
            result.put("service", manifest.service());
            result.put("functions", manifest.functions().stream().map(f -> f.name()).toList());
            result.put("routes", manifest.routes().stream().map(r -> r.routeKey()).toList());
            result.put("topics", manifest.topics().stream().map(t -> t.name()).toList());
            Json.print(out, result);
            return;
        }
        out.printf("%s: %d functions, %d routes, %d topics -> %s%n", manifest.service(), manifest.functions().size(),
                manifest.routes().size(), manifest.topics().size(), dir.relativize(ManifestStore.path(dir)));
        out.flush();
    }
}
