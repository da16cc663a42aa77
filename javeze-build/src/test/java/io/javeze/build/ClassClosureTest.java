package io.javeze.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassClosureTest {

    @Test
    void followsCodeAndGenericSignaturesButNotUnreachedClasses(@TempDir Path dir) throws Exception {
        Map<String, byte[]> classes = TestClasses.read(TestClasses.compile(dir, TestClasses.app()));

        Set<String> reached = ClassClosure.of(classes, Set.of("gen/HelloHandler"));

        assertThat(reached).containsExactly("app/Box", "app/Greeter", "app/Hello", "app/Shared", "gen/HelloHandler");
    }

    @Test
    void followsClassNamesInStringConstants(@TempDir Path dir) throws Exception {
        Map<String, byte[]> classes = TestClasses.read(TestClasses.compile(dir, TestClasses.app()));

        Set<String> reached = ClassClosure.of(classes, Set.of("gen/ByeHandler"));

        assertThat(reached).containsExactly("app/Plugin", "app/Shared", "gen/ByeHandler");
    }

    @Test
    void unknownRootsAndLibraryClassesAreNotIncluded(@TempDir Path dir) throws Exception {
        Map<String, byte[]> classes = TestClasses.read(TestClasses.compile(dir, TestClasses.app()));

        assertThat(ClassClosure.of(classes, Set.of("gen/Missing"))).isEmpty();
        assertThat(ClassClosure.references(classes.get("gen/HelloHandler"))).contains("java/lang/String", "app/Hello");
        assertThat(ClassClosure.of(classes, Set.of("gen/HelloHandler"))).doesNotContain("java/lang/String", "java/lang/Object");
    }
}
