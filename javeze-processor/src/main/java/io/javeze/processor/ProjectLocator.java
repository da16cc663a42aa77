package io.javeze.processor;

import io.javeze.config.JavezeConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.annotation.processing.Filer;
import javax.tools.StandardLocation;

/** Finds the directory holding {@code javeze.toml}: the {@code javeze.projectDir} option, else above the class output. */
final class ProjectLocator {
    static final String OPTION = "javeze.projectDir";

    private ProjectLocator() {}

    /** The project directory, or null when there is no javeze.toml to find. */
    static Path locate(String option, Filer filer) {
        if (option != null && !option.isBlank()) {
            return Path.of(option).toAbsolutePath().normalize();
        }
        Path start = classOutput(filer);
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(JavezeConfig.FILE_NAME))) return dir;
        }
        return null;
    }

    private static Path classOutput(Filer filer) {
        try {
            URI uri = filer.getResource(StandardLocation.CLASS_OUTPUT, "", "javeze-probe").toUri();
            if (!"file".equals(uri.getScheme())) return null;
            return Path.of(uri).toAbsolutePath().getParent();
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }
}
