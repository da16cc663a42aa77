package io.javeze.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.cli.CliRun;
import io.javeze.cli.Examples;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code javeze dev} on a copy of hello-world, as a real process against a local cloud, edited the way a developer
 * edits: each save is answered by the next requests, a compile error leaves the last good version serving, a burst of
 * saves is one rebuild, a pom.xml change brings a new dependency. One session for all of it: the first deploy and
 * Maven's resolution are the expensive part.
 */
class DevCommandTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final Pattern START = Pattern.compile("START RequestId: (\\S+)");

    @Test
    void editsAreServedCompileErrorsKeepTheOldVersionBurstsRebuildOnceAndPomChangesBringDependencies(@TempDir Path tmp) throws Exception {
        Path project = Examples.copy("hello-world", tmp.resolve("hello"));
        Path source = project.resolve("src/main/java/example/hello/Hello.java");
        String original = Files.readString(source);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(tmp.resolve("cloud")));
             DevProcess dev = new DevProcess("--project", project.toString(), "--endpoint-url", cloud.endpoint().toString(),
                     "--offline", "--settle", "300")) {
            String route = dev.await(l -> l.contains("GET /hello/{word} -> "), LIMIT);
            String base = route.split(" -> ")[1].replace("/hello/{word}", "");
            dev.await(l -> l.startsWith("watching "), LIMIT);
            assertThat(get(base + "/hello/dev", cloud)).isEqualTo("200 Hello, dev!");

            // an edit is served by the next requests
            Files.writeString(source, original.replace("\"Hello, \"", "\"Howdy, \""));
            eventually(() -> get(base + "/hello/dev", cloud), "200 Howdy, dev!");
            dev.await(l -> l.startsWith("✓ updated hello"), LIMIT);

            // an added route answers, and the endpoints are listed again
            Files.writeString(source, original.replace("\"Hello, \"", "\"Howdy, \"").replace("    @Route(method = \"GET\", path = \"/hello/{word}\")",
                    "    @Route(method = \"GET\", path = \"/bye/{word}\")\n    public static String bye(String word) {\n"
                            + "        return \"Bye, \" + word;\n    }\n\n    @Route(method = \"GET\", path = \"/hello/{word}\")"));
            eventually(() -> get(base + "/bye/dev", cloud), "200 Bye, dev");
            dev.await(l -> l.contains("GET /bye/{word} -> "), LIMIT);

            // a removed route is 404
            Files.writeString(source, original.replace("\"Hello, \"", "\"Howdy, \""));
            eventually(() -> get(base + "/bye/dev", cloud).substring(0, 3), "404");

            // a compile error names the file, line and column, and the last good version keeps serving
            long rebuilds = dev.count(l -> l.startsWith("↻ "));
            Files.writeString(source, original.replace("return \"Hello, \" + word + \"!\";", "return \"Hello, \" + word + \"!\"\n        int broken = ;"));
            String error = dev.await(l -> l.contains("Hello.java:") && l.contains(": error: "), LIMIT);
            assertThat(error).containsPattern("src/main/java/example/hello/Hello\\.java:1[0-9]:\\d+: error: ");
            assertThat(dev.count(l -> l.startsWith("↻ "))).isEqualTo(rebuilds + 1);
            assertThat(get(base + "/hello/dev", cloud)).isEqualTo("200 Howdy, dev!");

            // a burst of saves (the fix and a new file, each saved several times) is one rebuild
            rebuilds = dev.count(l -> l.startsWith("↻ "));
            Path helper = source.resolveSibling("Greeting.java");
            for (int i = 1; i <= 5; i++) {
                Files.writeString(helper, "package example.hello;\n\nfinal class Greeting {\n    static String of(String word) {\n"
                        + "        return \"Hi #" + i + ", \" + word + \"!\";\n    }\n}\n");
                Files.writeString(source, original.replace("\"Hello, \" + word + \"!\"", "Greeting.of(word)"));
                Thread.sleep(20);
            }
            eventually(() -> get(base + "/hello/dev", cloud), "200 Hi #5, dev!");
            Thread.sleep(1_000); // a second rebuild would have started by now
            assertThat(dev.count(l -> l.startsWith("↻ "))).as(dev.output()).isEqualTo(rebuilds + 1);

            // pom.xml gains a dependency (already in the local repository): Maven resolves it, the code uses it
            Path pom = project.resolve("pom.xml");
            Files.writeString(pom, Files.readString(pom).replace("  </dependencies>", """
                        <dependency>
                          <groupId>org.apache.commons</groupId>
                          <artifactId>commons-lang3</artifactId>
                          <version>3.18.0</version>
                        </dependency>
                      </dependencies>"""));
            Files.writeString(helper, "package example.hello;\n\nfinal class Greeting {\n    static String of(String word) {\n"
                    + "        return \"Hi, \" + org.apache.commons.lang3.StringUtils.upperCase(word) + \"!\";\n    }\n}\n");
            eventually(() -> get(base + "/hello/dev", cloud), "200 Hi, DEV!");

            // every request and each of its log lines is streamed once, prefixed by the function
            dev.await(l -> l.matches("hello +\\| GET /hello/dev 200 \\d+ ms"), LIMIT);
            assertThat(get(base + "/nowhere", cloud)).startsWith("404");
            dev.await(l -> l.matches("http +\\| GET /nowhere 404 \\d+ ms"), LIMIT);
            assertOncePerRequest(dev.lines());

            CliRun logs = CliRun.of("logs", "--project", project.toString(), "--local", "--endpoint-url", cloud.endpoint().toString());
            assertThat(logs.exitCode()).as(logs.err()).isZero();
            List<String> logLines = logs.out().lines().toList();
            assertThat(logLines).anyMatch(l -> l.startsWith("hello | START RequestId: "));
            assertOncePerRequest(logLines);

            // Ctrl-C (SIGTERM here) stops watching; what was deployed keeps serving
            dev.close();
            assertThat(dev.isAlive()).isFalse();
            assertThat(get(base + "/hello/dev", cloud)).isEqualTo("200 Hi, DEV!");
        }
    }

    /** Each request's START line appears exactly once (a repeat would mean an event printed twice across polls). */
    private static void assertOncePerRequest(List<String> lines) {
        Map<String, Long> starts = lines.stream().map(START::matcher).filter(Matcher::find)
                .collect(java.util.stream.Collectors.groupingBy(m -> m.group(1), java.util.stream.Collectors.counting()));
        assertThat(starts).isNotEmpty();
        assertThat(starts.values()).allMatch(n -> n == 1);
    }

    private static String get(String url, LocalCloud cloud) throws Exception {
        return Examples.get(url, cloud.endpoint(), Map.of());
    }

    interface Call {
        String get() throws Exception;
    }

    private static void eventually(Call call, String expected) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        String last = call.get();
        while (!expected.equals(last)) {
            assertThat(System.nanoTime()).as("still \"%s\", expected \"%s\"", last, expected).isLessThan(deadline);
            Thread.sleep(100);
            last = call.get();
        }
    }
}
