package io.javeze.cli.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import io.javeze.function.FunctionDeployOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code javeze function deploy} takes the plugin's pom.xml settings, as cargo-lambda takes Cargo.toml's; flags win. */
class FunctionDeployPomConfigurationTest {
    @TempDir
    Path project;

    private void pom(String properties, String configuration) throws Exception {
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>hello</artifactId>
                  <version>1.0</version>
                  <properties>%s</properties>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <configuration><memory>1</memory></configuration>
                      </plugin>
                      <plugin>
                        <groupId>io.javeze</groupId>
                        <artifactId>javeze-maven-plugin</artifactId>
                        <version>0.1.0</version>
                        <configuration>%s</configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(properties, configuration));
    }

    private FunctionDeployOptions options(String... flags) {
        List<String> args = new ArrayList<>(List.of("--project", project.toString()));
        args.addAll(List.of(flags));
        FunctionDeployCommand command = new FunctionDeployCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.options();
    }

    @Test
    void thePluginsConfigurationAndJavezePropertiesFillWhatNoFlagGave() throws Exception {
        pom("<javeze.timeout>77</javeze.timeout><lambda.memory>256</lambda.memory>", """
                <memory>${lambda.memory}</memory>
                <tracing>active</tracing>
                <env><GREETING>hello from the pom</GREETING><MODE>${project.artifactId}</MODE></env>
                <tags><team>web</team></tags>
                <layers><layer>arn:aws:lambda:us-east-1:123456789012:layer:a:1</layer></layers>
                <local>true</local>
                <skip>false</skip>
                """);

        FunctionDeployOptions o = options();

        assertThat(o.memory).isEqualTo(256);
        assertThat(o.timeout).isEqualTo(77);
        assertThat(o.tracing).isEqualTo("active");
        assertThat(o.envVar).containsExactly("GREETING=hello from the pom", "MODE=hello");
        assertThat(o.tag).containsExactly("team=web");
        assertThat(o.layers).containsExactly("arn:aws:lambda:us-east-1:123456789012:layer:a:1");
        assertThat(o.local).isTrue();
    }

    @Test
    void flagsWinIncludingCargoLambdasNames() throws Exception {
        pom("<javeze.timeout>77</javeze.timeout>", """
                <memory>256</memory><alias>old</alias><env><A>pom</A></env><local>true</local>
                <layers><layer>arn:aws:lambda:us-east-1:123456789012:layer:pom:1</layer></layers>
                """);

        FunctionDeployOptions o = options("--memory-size", "1024", "--timeout", "60", "--qualifier", "live", "--env-var", "A=flag",
                "--layer-arn", "arn:aws:lambda:us-east-1:123456789012:layer:flag:2", "--dry", "-o", "json", "--region", "eu-west-1");

        assertThat(o.memory).isEqualTo(1024);
        assertThat(o.timeout).isEqualTo(60);
        assertThat(o.alias).isEqualTo("live");
        assertThat(o.envVar).containsExactly("A=flag");
        assertThat(o.layers).containsExactly("arn:aws:lambda:us-east-1:123456789012:layer:flag:2");
        assertThat(o.dryRun).isTrue();
        assertThat(o.outputFormat).isEqualTo("json");
        // a target flag replaces the POM's whole target choice: no <local> under --region
        assertThat(o.region).isEqualTo("eu-west-1");
        assertThat(o.local).isFalse();
    }

    @Test
    void aMisspeltSettingIsAnErrorNamingTheFileAndElement() throws Exception {
        pom("", "<memmory>256</memmory>");

        assertThatThrownBy(this::options).isInstanceOf(JavezeException.class)
                .hasMessage(project.resolve("pom.xml") + ": <memmory> in the javeze-maven-plugin configuration is not a deploy-function setting");
    }

    @Test
    void anUnresolvablePropertyIsAnErrorNotALiteral() throws Exception {
        pom("", "<timeout>${nowhere}</timeout>");

        assertThatThrownBy(this::options).isInstanceOf(JavezeException.class)
                .hasMessageContaining("pom.xml: <timeout> in the javeze-maven-plugin configuration: cannot resolve ${nowhere}");
    }

    @Test
    void noPomOrNoPluginMeansFlagsOnly() throws Exception {
        assertThat(options("--memory", "512").memory).isEqualTo(512);

        Files.writeString(project.resolve("pom.xml"), "<project><artifactId>x</artifactId></project>");
        assertThat(options().memory).isNull();
    }

    @Test
    void cargoLambdasIncludeVpcAndRetryOptionsComeFromFlagsOrThePom() throws Exception {
        pom("", """
                <include><path>conf</path></include>
                <subnetIds>subnet-0123456789abcdef0</subnetIds>
                <securityGroupIds>sg-0123456789abcdef0</securityGroupIds>
                <retryAttempts>1</retryAttempts>
                """);

        FunctionDeployOptions fromPom = options();
        FunctionDeployOptions fromFlags = options("--include", "VERSION", "--subnet-ids", "subnet-0fedcba9876543210",
                "--security-group-ids", "sg-0fedcba9876543210", "--retry-attempts", "0");

        assertThat(fromPom.include).containsExactly(project.resolve("conf"));
        assertThat(fromPom.subnetIds).isEqualTo("subnet-0123456789abcdef0");
        assertThat(fromPom.securityGroupIds).isEqualTo("sg-0123456789abcdef0");
        assertThat(fromPom.retryAttempts).isEqualTo(1);
        assertThat(fromFlags.include).containsExactly(Path.of("VERSION"));
        assertThat(fromFlags.subnetIds).isEqualTo("subnet-0fedcba9876543210");
        assertThat(fromFlags.securityGroupIds).isEqualTo("sg-0fedcba9876543210");
        assertThat(fromFlags.retryAttempts).isZero();
    }

    @Test
    void snapStartAndTheDependencyLayerComeFromThePomAndAFlagWins() throws Exception {
        pom("", "<snapStart>false</snapStart><dependencyLayer>true</dependencyLayer>");

        FunctionDeployOptions fromPom = options();
        assertThat(fromPom.snapStart).as("<snapStart>false</snapStart> is --no-snap-start, not 'leave it'").isFalse();
        assertThat(fromPom.dependencyLayer).isTrue();
        assertThat(options("--snap-start").snapStart).isTrue();

        pom("", "<snapStart>sometimes</snapStart>");
        assertThatThrownBy(this::options).isInstanceOf(JavezeException.class)
                .hasMessage(project.resolve("pom.xml") + ": <snapStart> must be true or false, got \"sometimes\"");
        pom("", "<memory>256</memory>");
        assertThat(options().snapStart).as("not in the POM: the function's setting is left alone").isNull();
    }
}
