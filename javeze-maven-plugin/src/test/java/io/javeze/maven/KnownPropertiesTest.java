package io.javeze.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnownPropertiesTest {
    private final KnownProperties known = new KnownProperties(Set.of("javeze.memory", "javeze.timeout", "javeze.endpointUrl", "javeze.skip"));

    private static Properties of(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) p.setProperty(keyValues[i], keyValues[i + 1]);
        return p;
    }

    @Test
    void aTypoOnTheCommandLineNamesTheClosestProperty() {
        assertThatThrownBy(() -> known.check(of("javeze.memmory", "512"), of()))
                .isInstanceOf(JavezeException.class)
                .hasMessage("unknown property javeze.memmory (-D); did you mean javeze.memory?");
    }

    @Test
    void aTypoInThePomsPropertiesIsCaughtToo() {
        assertThatThrownBy(() -> known.check(of(), of("javeze.endpointurl", "http://x")))
                .hasMessage("unknown property javeze.endpointurl (the POM's <properties>); did you mean javeze.endpointUrl?");
    }

    @Test
    void somethingNowhereNearAKnownNameListsThemAll() {
        assertThatThrownBy(() -> known.check(of("javeze.completelyDifferentThing", "1"), of()))
                .hasMessageStartingWith("unknown property javeze.completelyDifferentThing (-D); known: javeze.");
    }

    @Test
    void knownPropertiesOtherNamespacesAndThePluginVersionPass() {
        assertThatCode(() -> known.check(of("javeze.memory", "512", "jib.to.image", "x", "skipTests", "true"),
                of("javeze.version", "0.1.0", "javeze.timeout", "77"))).doesNotThrowAnyException();
    }
}
