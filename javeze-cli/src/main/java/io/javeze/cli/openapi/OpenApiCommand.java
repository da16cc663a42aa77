package io.javeze.cli.openapi;

import io.javeze.cli.ProjectOption;
import io.javeze.config.AtomicFiles;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import io.javeze.config.openapi.OpenApiDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "openapi", mixinStandardHelpOptions = true,
        description = "Print the app's OpenAPI 3.1 document (paths, parameters, bodies, responses, security schemes), "
                + "made from .javeze/manifest.json.")
public final class OpenApiCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the document to FILE (atomically) instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = project.dir();
        Manifest manifest = ManifestStore.read(dir);
        String json = OpenApiDocument.toJson(OpenApiDocument.of(manifest));
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(json);
        } else {
            Path file = output.isAbsolute() ? output : Path.of("").toAbsolutePath().resolve(output);
            AtomicFiles.writeReadable(file, json);
            out.println("wrote " + file + " (OpenAPI " + OpenApiDocument.VERSION + ", " + manifest.routes().size() + " routes)");
        }
        out.flush();
        return 0;
    }
}
