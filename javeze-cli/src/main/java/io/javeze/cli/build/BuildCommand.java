package io.javeze.cli.build;

import io.javeze.build.ApplicationFiles;
import io.javeze.build.BuildStamp;
import io.javeze.build.PackageIndex;
import io.javeze.build.Packager;
import io.javeze.build.maven.MavenProject;
import io.javeze.build.permissions.FunctionGrants;
import io.javeze.cli.ProjectOption;
import io.javeze.config.JavezeConfig;
import io.javeze.config.JavezeException;
import io.javeze.config.manifest.FunctionSpec;
import io.javeze.config.manifest.Manifest;
import io.javeze.config.manifest.ManifestStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build one reproducible Lambda package per function under .javeze/packages.",
            "Runs codegen first when sources changed since the last build; unchanged packages are not rewritten."})
public final class BuildCommand implements Callable<Integer> {
    @Mixin
    ProjectOption project;

    @Mixin
    BuildOptions options;

    @Option(names = "--codegen", description = "Compile even if no source changed since the last build.")
    boolean forceCodegen;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = project.dir();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = options.json();
        PrintWriter progress = json ? err : out;

        MavenProject maven = new MavenProject(dir, options.offline, project.verbose, err::println);
        boolean compiled = forceCodegen || maven.needsCompile();
        if (!compiled && !json) {
            // the last build's inputs and outputs are all as recorded: nothing to parse, read or zip
            BuildStamp.Unchanged unchanged = BuildStamp.unchanged(dir, maven.classesDir());
            if (unchanged != null) {
                printUnchanged(out, err, progress, dir, unchanged);
                return 0;
            }
        }
        JavezeConfig config = JavezeConfig.load(dir);
        List<Path> classpath;
        if (compiled) {
            progress.println("compiling " + dir + " (codegen)");
            progress.flush();
            classpath = maven.compileAndResolveRuntimeClasspath();
        } else {
            classpath = maven.storedRuntimeClasspath();
        }
        Manifest manifest = ManifestStore.read(dir);
        if (!compiled && !config.serviceName().equals(manifest.service())) {
            // file times can lie (a checkout, a copied project); the manifest must match javeze.toml
            progress.println("manifest is for service " + manifest.service() + ", javeze.toml says " + config.serviceName() + ": compiling");
            progress.flush();
            compiled = true;
            maven.deleteCompiledClasses();
            classpath = maven.compileAndResolveRuntimeClasspath();
            manifest = ManifestStore.read(dir);
            if (!config.serviceName().equals(manifest.service())) {
                throw new JavezeException(ManifestStore.path(dir) + ": written for service " + manifest.service()
                        + " but javeze.toml says " + config.serviceName()
                        + "; is io.javeze:javeze-processor in the compiler's annotationProcessorPaths?");
            }
        }
        ApplicationFiles files = ApplicationFiles.read(maven.classesDir(), classpath);
        List<Packager.PackageResult> results = new Packager(dir, config, manifest, files).build(new Packager.Listener() {
            @Override
            public void packaging(FunctionSpec function) {
                if (project.verbose) progress.println("packaging " + function.name() + " (" + function.handler() + ")");
            }

            @Override
            public void layer(String digest, PackageIndex.Layer layer, boolean changed) {
                progress.printf("  %-28s %10s  %d jars          %s%n", "layer " + digest.substring(0, 12), size(layer.size()),
                        layer.jars().size(), changed ? "built" : "unchanged");
                progress.flush();
            }

            @Override
            public void packaged(Packager.PackageResult r) {
                progress.printf("  %-28s %10s  %-6s %4d classes  %s%n", r.function(), size(r.entry().size()),
                        r.entry().architecture(), r.classCount(), r.changed() ? "built" : "unchanged");
                progress.flush();
            }
        });

        Map<String, FunctionGrants.Result> grants = grants(config, manifest, results);
        BuildStamp.record(dir, maven.classesDir(), maven.classpathFile(), files.libraryFiles(), results,
                grants.values().stream().flatMap(g -> g.warnings().stream()).toList());
        long total = results.stream().mapToLong(r -> r.entry().size()).sum();
        long changed = results.stream().filter(Packager.PackageResult::changed).count();
        if (json) {
            Json.print(out, jsonResult(dir, compiled, results, grants));
        } else {
            grants.values().forEach(g -> g.warnings().forEach(w -> err.println("warning: " + w)));
            err.flush();
            out.printf("%d packages (%d built, %d unchanged), %s in total, in %s%n", results.size(), changed,
                    results.size() - changed, size(total), dir.relativize(PackageIndex.directory(dir)));
            out.flush();
        }
        return 0;
    }

    /** What {@link #call} prints for a build that makes nothing, from the stamp alone. */
    private void printUnchanged(PrintWriter out, PrintWriter err, PrintWriter progress, Path dir, BuildStamp.Unchanged unchanged) {
        for (BuildStamp.Layer l : unchanged.layers()) {
            progress.printf("  %-28s %10s  %d jars          %s%n", "layer " + l.digest().substring(0, 12), size(l.size()), l.jars(), "unchanged");
        }
        long total = 0;
        for (BuildStamp.Package p : unchanged.packages()) {
            progress.printf("  %-28s %10s  %-6s %4d classes  %s%n", p.function(), size(p.size()), p.architecture(), p.classCount(), "unchanged");
            total += p.size();
        }
        if (project.verbose) progress.println("every input and package is as the last build recorded (" + BuildStamp.path(dir) + ")");
        unchanged.warnings().forEach(w -> err.println("warning: " + w));
        err.flush();
        out.printf("%d packages (0 built, %d unchanged), %s in total, in %s%n", unchanged.packages().size(),
                unchanged.packages().size(), size(total), dir.relativize(PackageIndex.directory(dir)));
        out.flush();
    }

    /**
     * What deploy will grant each function beyond logging, topics and its queue. The account and partition are not
     * known before deploy (nor the region, unless javeze.toml sets it): their ARNs show {@code ${account}} etc.
     */
    private static Map<String, FunctionGrants.Result> grants(JavezeConfig config, Manifest manifest, List<Packager.PackageResult> results) {
        String region = config.deployment().region() != null ? config.deployment().region() : "${region}";
        Map<String, FunctionGrants.Result> out = new LinkedHashMap<>();
        for (Packager.PackageResult r : results) {
            out.put(r.function(), FunctionGrants.of(manifest.function(r.function()), r.entry().awsCalls(), config.permissions(),
                    "${partition}", region, "${account}"));
        }
        return out;
    }

    private static Map<String, Object> jsonResult(Path dir, boolean compiled, List<Packager.PackageResult> results,
                                                  Map<String, FunctionGrants.Result> grants) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("project", dir.toString());
        result.put("compiled", compiled);
        result.put("index", PackageIndex.path(dir).toString());
        result.put("packages", results.stream().map(r -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("function", r.function());
            p.put("file", r.entry().path(dir).toString());
            p.put("size", r.entry().size());
            p.put("sha256", r.entry().sha256());
            p.put("codeSha256", r.entry().codeSha256());
            p.put("architecture", r.entry().architecture());
            p.put("classes", r.classCount());
            p.put("changed", r.changed());
            if (r.entry().layer() != null) p.put("layer", r.entry().layer());
            p.put("awsCalls", r.entry().awsCalls());
            p.put("statements", grants.get(r.function()).statements());
            p.put("warnings", grants.get(r.function()).warnings());
            return p;
        }).toList());
        return result;
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024));
    }
}
