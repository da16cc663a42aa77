package io.javeze.cli.newproject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A project template of {@code javeze new}, read from this jar's resources: {@code common/} (pom.xml, .gitignore) plus
 * the files its {@code index} lists. Paths name the package directory {@code _package_}; contents use
 * {@code {{service}}}, {@code {{package}}}, {@code {{javezeVersion}}} and {@code {{awsSdkVersion}}}.
 */
enum Template {
    hello("curl $API_URL/hello/world"),
    auth("curl $API_URL/public; curl -H 'Authorization: Bearer demo-token-change-me' $API_URL/private"),
    topic("curl -H 'content-type: application/json' -d '{\"user\":\"ann\",\"action\":\"signed-up\"}' $API_URL/users");

    private static final String ROOT = "/io/javeze/cli/newproject/";
    private static final String SUFFIX = ".template";

    /** What to try once deployed, with {@code $API_URL} the URL deploy prints. */
    final String tryIt;

    Template(String tryIt) {
        this.tryIt = tryIt;
    }

    /** Relative output path → content, for a service and Java package. */
    Map<String, String> render(String service, String javaPackage) {
        Properties versions = new Properties();
        try (InputStream in = resource("versions.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>(Map.of(
                "service", service,
                "package", javaPackage,
                "javezeVersion", versions.getProperty("javeze"),
                "awsSdkVersion", versions.getProperty("awssdk")));
        values.put("dependencies", fill(optional(name() + "/pom-dependencies.xml"), values));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", fill(read("common/pom.xml.template"), values));
        files.put(".gitignore", read("common/gitignore.template"));
        for (String line : read(name() + "/index").split("\n")) {
            if (line.isBlank()) continue;
            String out = line.strip().replace("_package_", javaPackage.replace('.', '/'));
            files.put(out.substring(0, out.length() - SUFFIX.length()), fill(read(name() + "/" + line.strip()), values));
        }
        return files;
    }

    private static String fill(String text, Map<String, String> values) {
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        return text;
    }

    private static String optional(String path) {
        return Template.class.getResource(ROOT + path) == null ? "" : read(path);
    }

    private static String read(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Template.class.getResourceAsStream(ROOT + path);
        if (in == null) throw new IllegalStateException("template resource " + path + " is missing from javeze-cli");
        return in;
    }
}
