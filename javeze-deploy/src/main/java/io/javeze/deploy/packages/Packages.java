package io.javeze.deploy.packages;

import io.javeze.build.PackageIndex;
import io.javeze.config.JavezeException;
import io.javeze.deploy.model.LayerTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The app's built packages, read through javeze-build's {@link PackageIndex}, resolved to files of the project. */
public final class Packages {
    private final Path projectDir;
    private final Map<String, PackageIndex.Entry> index;
    private final Map<String, PackageIndex.Layer> layers;

    private Packages(Path projectDir, Map<String, PackageIndex.Entry> index, Map<String, PackageIndex.Layer> layers) {
        this.projectDir = projectDir;
        this.index = Map.copyOf(index);
        this.layers = Map.copyOf(layers);
    }

    public static Packages read(Path projectDir) {
        Map<String, PackageIndex.Entry> index = PackageIndex.read(projectDir);
        boolean layered = index.values().stream().anyMatch(e -> e.layer() != null);
        return new Packages(projectDir, index, layered ? PackageIndex.readLayers(projectDir) : Map.of());
    }

    /** The package of an app function; a missing one or a vanished zip is a user error telling how to fix it. */
    public PackageEntry require(String function) {
        Path file = PackageIndex.path(projectDir);
        PackageIndex.Entry e = index.get(function);
        if (e == null) {
            throw new JavezeException(file + ": no package for function \"" + function + "\"; run `javeze build` again");
        }
        if (e.file() == null || e.sha256() == null || e.codeSha256() == null) {
            throw new JavezeException(file + ": function \"" + function + "\" has no file, sha256 or codeSha256; run `javeze build` again");
        }
        Path zip = e.path(projectDir).normalize();
        if (!Files.isRegularFile(zip)) {
            throw new JavezeException(zip + ": package of function \"" + function + "\" is missing; run `javeze build` again");
        }
        return new PackageEntry(function, zip, e.sha256(), e.codeSha256(), e.size(), e.architecture(), layer(function, e.layer()),
                e.awsCalls());
    }

    private LayerTarget layer(String function, String digest) {
        if (digest == null) return null;
        Path file = PackageIndex.directory(projectDir).resolve(PackageIndex.LAYERS_FILE);
        PackageIndex.Layer l = layers.get(digest);
        if (l == null || l.file() == null || l.sha256() == null) {
            throw new JavezeException(file + ": no dependency layer " + digest + " for function \"" + function + "\"; run `javeze build` again");
        }
        Path zip = l.path(projectDir).normalize();
        if (!Files.isRegularFile(zip)) {
            throw new JavezeException(zip + ": dependency layer of function \"" + function + "\" is missing; run `javeze build` again");
        }
        return new LayerTarget(digest, null, zip, l.sha256(), l.size(), null);
    }
}
