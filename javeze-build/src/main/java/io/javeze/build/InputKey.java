package io.javeze.build;

import io.javeze.config.JavezeConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a package is made from, as one digest (Jib's way): the packaging format's version, the settings that change
 * its bytes or its recorded architecture, and every entry by path, content digest and mode. Equal keys give
 * byte-identical packages, so a package whose key did not change is not made again.
 */
final class InputKey {
    /** Bump whenever the packager's output for the same inputs changes (zip layout, StoredJar, entry order...). */
    static final String FORMAT = "javeze-package/3"; // 3: the index records each package's AWS SDK calls

    private final Map<String, String> entries = new TreeMap<>();
    private final Map<String, String> settings = new TreeMap<>();

    InputKey setting(String name, String value) {
        settings.put(name, String.valueOf(value));
        return this;
    }

    InputKey settings(JavezeConfig.LambdaDefaults lambda) {
        return setting("architecture", lambda.architecture()).setting("architectureSet", String.valueOf(lambda.architectureSet()));
    }

    InputKey entry(String path, String sha256, boolean executable) {
        entries.put(path, sha256 + (executable ? " 755" : " 644"));
        return this;
    }

    String digest() {
        MessageDigest md = Packager.sha256();
        update(md, FORMAT);
        settings.forEach((k, v) -> update(md, k + "=" + v));
        entries.forEach((k, v) -> update(md, k + "\0" + v));
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, String line) {
        md.update(line.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
    }
}
