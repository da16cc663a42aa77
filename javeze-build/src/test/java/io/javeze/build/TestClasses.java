package io.javeze.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles small Java sources into a classes directory, as Maven would. */
final class TestClasses {
    private TestClasses() {}

    /** Sources keyed by file path relative to the source root, e.g. {@code app/Hello.java}. */
    static Path compile(Path workDir, Map<String, String> sources) throws IOException {
        Path src = workDir.resolve("src");
        Path classes = workDir.resolve("target/classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit code").isZero();
        return classes;
    }

    /** Internal name to bytes of every class under {@code classes}. */
    static Map<String, byte[]> read(Path classes) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                out.put(name.substring(0, name.length() - 6), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** Hello's handler reaches Hello, Greeter (also by generic signature: Box) and Shared; Bye's reaches Plugin by name only. */
    static Map<String, String> app() {
        Map<String, String> s = new TreeMap<>();
        s.put("gen/HelloHandler.java", "package gen; public class HelloHandler { public String handleRequest(String in) { return new app.Hello().hi(in); } }");
        s.put("gen/ByeHandler.java", "package gen; public class ByeHandler { public String handleRequest(String in) throws Exception { return app.Shared.tag() + Class.forName(\"app.Plugin\").getName(); } }");
        s.put("app/Hello.java", "package app; import java.util.List; public class Hello { List<Box> boxes = null; public String hi(String w) { return Greeter.greet(w) + Shared.tag(); } }");
        s.put("app/Greeter.java", "package app; public class Greeter { static String greet(String w) { return \"Hello, \" + w; } }");
        s.put("app/Box.java", "package app; public class Box {}");
        s.put("app/Shared.java", "package app; public class Shared { public static String tag() { return \"!\"; } }");
        s.put("app/Plugin.java", "package app; public class Plugin {}");
        s.put("app/Unused.java", "package app; public class Unused { Hello h; }");
        return s;
    }
}
