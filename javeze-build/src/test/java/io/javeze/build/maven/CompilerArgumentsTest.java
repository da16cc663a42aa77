package io.javeze.build.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompilerArgumentsTest {

    @Test
    void mavensLoggedCommandLineSplitsIntoOptionsKeepingPathsWithSpacesWhole() {
        List<String> options = CompilerArguments.split("-d /home/a b/app/target/classes -classpath /home/a b/app/target/classes:/r/x.jar:"
                + " -processorpath /r/p.jar: -g -parameters --release 17 -encoding UTF-8 -XDuseUnsharedTable=true");

        assertThat(options).containsExactly("-d", "/home/a b/app/target/classes", "-classpath", "/home/a b/app/target/classes:/r/x.jar:",
                "-processorpath", "/r/p.jar:", "-g", "-parameters", "--release", "17", "-encoding", "UTF-8", "-XDuseUnsharedTable=true");
        CompilerArguments arguments = new CompilerArguments(options, List.of());
        assertThat(arguments.value("--release")).contains("17");
        assertThat(arguments.without("-processorpath")).doesNotContain("-processorpath", "/r/p.jar:").contains("-parameters");
    }
}
