package io.javeze.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassClosureTest {
    private static Map<String, byte[]> classes;

    @BeforeAll
    static void compile(@TempDir Path dir) throws Exception {
        classes = TestClasses.read(TestClasses.compile(dir, TestClasses.app()));
    }

    @Test
    void followsCodeAndGenericSignaturesButNotUnreachedClasses() {
        Set<String> reached = ClassClosure.of(classes, Set.of("gen/HelloHandler"));

        assertThat(reached).containsExactly("app/Box", "app/Greeter", "app/Hello", "app/Shared", "gen/HelloHandler");
    }

    @Test
    void followsClassNamesInStringConstants() {
        Set<String> reached = ClassClosure.of(classes, Set.of("gen/ByeHandler"));

        assertThat(reached).containsExactly("app/Plugin", "app/Shared", "gen/ByeHandler");
    }

    @Test
    void unknownRootsAndLibraryClassesAreNotIncluded() {
        assertThat(ClassClosure.of(classes, Set.of("gen/Missing"))).isEmpty();
        assertThat(ClassClosure.references(classes.get("gen/HelloHandler"))).contains("java/lang/String", "app/Hello");
        assertThat(ClassClosure.of(classes, Set.of("gen/HelloHandler"))).doesNotContain("java/lang/String", "java/lang/Object");
    }
}
