package io.javeze.maven;

import io.javeze.config.JavezeException;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.daemon.LocalCloudDaemon;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the default local cloud in the background when {@code javeze.local} is set and none answers, as the CLI does.
 * Inside Maven {@code java.class.path} is only Maven's launcher, so the background process gets the plugin's own jars.
 */
final class LocalCloudOnDemand {
    private LocalCloudOnDemand() {}

    static URI start() {
        return LocalCloudDaemon.ensureRunning(LocalCloudOptions.defaultDataDir(), LocalCloudDaemon.defaultPort(), List.of(),
                pluginClassPath());
    }

    private static String pluginClassPath() {
        if (!(LocalCloudOnDemand.class.getClassLoader() instanceof URLClassLoader realm)) {
            throw new JavezeException("javeze.local: cannot start the local cloud from this Maven; start it with `javeze local start`");
        }
        List<String> entries = new ArrayList<>();
        for (URL url : realm.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a local file: the background process cannot use it
            }
        }
        // Maven keeps slf4j-api out of plugin realms and lends its own; the background process needs the jar itself
        jarOf(realm, "org/slf4j/LoggerFactory.class").ifPresent(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    private static java.util.Optional<String> jarOf(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        if (url == null || !"jar".equals(url.getProtocol())) return java.util.Optional.empty();
        String file = url.getPath();
        try {
            return java.util.Optional.of(Path.of(new URI(file.substring(0, file.indexOf("!/")))).toString());
        } catch (URISyntaxException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return java.util.Optional.empty();
        }
    }
}
