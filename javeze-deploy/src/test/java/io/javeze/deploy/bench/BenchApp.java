package io.javeze.deploy.bench;

import io.javeze.deploy.testing.TestApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's app: 50 GET routes (6 of them behind the one auth handler) and 5 subscribers, each on its own
 * topic: 56 functions (or as many routes as make the number asked for, every ninth behind the auth handler). One class per route, so a one-route code change touches one package.
 */
final class BenchApp {
    static final int ROUTES = 50;
    static final int TOPICS = 5;

    private BenchApp() {}

    static void write(Path dir, String service) throws IOException {
        write(dir, service, ROUTES + TOPICS + 1);
    }

    /** The app with {@code functions} functions in all: the auth handler, the 5 subscribers, and routes for the rest. */
    static void write(Path dir, String service, int functions) throws IOException {
        int routes = functions - TOPICS - 1;
        if (routes < 1) throw new IllegalArgumentException("at least " + (TOPICS + 2) + " functions, got " + functions);
        Files.writeString(dir.resolve("javeze.toml"), """
                service_name = "%s"
                [deployment]
                region = "us-east-1"
                [lambda]
                memory_size = 256
                timeout = 10
                environment = { GATE_TOKEN = "bench" }
                """.formatted(service));
        Files.writeString(dir.resolve("pom.xml"), pom());
        source(dir, "Gate", """
                package bench;
                import io.javeze.Auth;
                import io.javeze.AuthRequest;
                import io.javeze.AuthResult;
                public final class Gate {
                    private Gate() {}
                    @Auth
                    public static AuthResult gate(AuthRequest request) {
                        return ("Bearer " + System.getenv("GATE_TOKEN")).equals(request.header("Authorization")) ? AuthResult.allow() : AuthResult.deny();
                    }
                }
                """);
        source(dir, "Msg", "package bench;\npublic record Msg(String id) {}\n");
        for (int i = 0; i < routes; i++) {
            route(dir, i, "v1");
        }
        for (int t = 0; t < TOPICS; t++) {
            source(dir, "Sub" + t, """
                    package bench;
                    import io.javeze.Subscriber;
                    public final class Sub%1$d {
                        private Sub%1$d() {}
                        @Subscriber(topic = "topic%1$d")
                        public static void consume%1$d(Msg msg) {
                            System.out.println("topic%1$d " + msg.id());
                        }
                    }
                    """.formatted(t));
        }
    }

    /** The test app's pom without the SDK's publishing jars: nothing here publishes, so packages stay small, as most routes' are. */
    private static String pom() {
        String pom = TestApp.POM;
        int from = pom.indexOf("    <dependency>\n      <groupId>software.amazon.awssdk</groupId>");
        int to = pom.indexOf("  </dependencies>");
        return from < 0 ? pom : pom.substring(0, from) + pom.substring(to);
    }

    static void route(Path dir, int i, String version) throws IOException {
        source(dir, "R" + i, """
                package bench;
                import io.javeze.Route;
                public final class R%1$d {
                    private R%1$d() {}
                    @Route(method = "GET", path = "/r%1$d/{id}"%2$s)
                    public static String r%1$d(String id) {
                        return "r%1$d %3$s " + id;
                    }
                }
                """.formatted(i, i % 9 == 0 ? ", auth = true" : "", version));
    }

    private static void source(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve("src/main/java/bench/" + name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
