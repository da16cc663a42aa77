package io.javeze.deploy.testing;

import io.javeze.config.JavezeConfig;
import io.javeze.deploy.packages.FreshPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small javeze app written into a directory and built for real (Maven compile with the javeze processor, then
 * javeze-build's packaging): an open route with a path variable, a protected route behind an auth handler, a
 * route publishing to a topic and that topic's subscriber, which logs what it receives.
 */
public final class TestApp {
    public static final String TOKEN = "let-me-in";

    private final Path dir;

    public TestApp(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public TestApp write(String service) throws IOException {
        Files.writeString(dir.resolve("javeze.toml"), """
                service_name = "%s"

                [deployment]
                region = "us-east-1"

                [lambda]
                memory_size = 256
                timeout = 10
                environment = { GATE_TOKEN = "%s" }
                tags = { team = "e2e" }
                """.formatted(service, TOKEN));
        Files.writeString(dir.resolve("pom.xml"), POM);
        greeting("Hello");
        source("Gate", """
                package app;

                import io.javeze.Auth;
                import io.javeze.AuthRequest;
                import io.javeze.AuthResult;
                import io.javeze.Route;
                import java.util.Map;

                public final class Gate {
                    private Gate() {}

                    @Auth
                    public static AuthResult bearer(AuthRequest request) {
                        String expected = System.getenv("GATE_TOKEN");
                        String given = request.header("Authorization");
                        return expected != null && ("Bearer " + expected).equals(given) ? AuthResult.allow(Map.of("user", "tester")) : AuthResult.deny();
                    }

                    @Route(method = "GET", path = "/secret", auth = true)
                    public static String secret() {
                        return "the secret";
                    }
                }
                """);
        source("Order", """
                package app;

                public record Order(String id) {}
                """);
        source("Orders", """
                package app;

                import io.javeze.Publisher;
                import io.javeze.Response;
                import io.javeze.Route;
                import io.javeze.Subscriber;
                import io.javeze.Topics;
                import java.util.Map;

                public final class Orders {
                    private Orders() {}

                    @Route(method = "POST", path = "/orders")
                    @Publisher(topic = "orders")
                    public static Response place(Order order) {
                        Topics.publish("orders", order);
                        return Response.status(202).json(Map.of("accepted", order.id()));
                    }

                    @Subscriber(topic = "orders")
                    public static void onOrder(Order order) {
                        System.out.println("received order " + order.id());
                    }
                }
                """);
        return this;
    }

    public TestApp greeting(String word) throws IOException {
        source("Greeting", """
                package app;

                import io.javeze.Route;

                public final class Greeting {
                    private Greeting() {}

                    @Route(method = "GET", path = "/hello/{word}")
                    public static String hello(String word) {
                        return "%s, " + word + "!";
                    }
                }
                """.formatted(word));
        return this;
    }

    public void deleteGreeting() throws IOException {
        Files.delete(dir.resolve("src/main/java/app/Greeting.java"));
    }

    private void source(String className, String text) throws IOException {
        Path file = dir.resolve("src/main/java/app/" + className + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Compiles (the processor writes the manifest) and packages, through the same path deploy uses for stale packages. */
    public void build() {
        FreshPackages.ensure(dir, JavezeConfig.load(dir), new FreshPackages.Settings(true, false, line -> {}));
    }

    public static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>io.javeze.test</groupId>
              <artifactId>e2e-shop</artifactId>
              <version>1.0.0</version>
              <properties>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                <maven.compiler.release>17</maven.compiler.release>
                <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
              </properties>
              <dependencies>
                <dependency>
                  <groupId>io.javeze</groupId>
                  <artifactId>javeze-runtime</artifactId>
                  <version>0.1.0-SNAPSHOT</version>
                </dependency>
                <dependency>
                  <groupId>software.amazon.awssdk</groupId>
                  <artifactId>http-auth-aws</artifactId>
                  <version>2.41.18</version>
                </dependency>
                <dependency>
                  <groupId>software.amazon.awssdk</groupId>
                  <artifactId>url-connection-client</artifactId>
                  <version>2.41.18</version>
                </dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-compiler-plugin</artifactId>
                    <version>3.14.0</version>
                    <configuration>
                      <parameters>true</parameters>
                      <annotationProcessorPaths>
                        <path>
                          <groupId>io.javeze</groupId>
                          <artifactId>javeze-processor</artifactId>
                          <version>0.1.0-SNAPSHOT</version>
                        </path>
                      </annotationProcessorPaths>
                    </configuration>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-resources-plugin</artifactId>
                    <version>3.3.1</version>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;
}
