package io.javeze.build;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The application classes reachable from some roots: everything a class names in its constant pool, signatures
 * and annotations, plus string constants that name an application class (so {@code Class.forName("a.B")} survives).
 * Only classes present in {@code classes} are followed; library classes live in {@code lib/} anyway.
 */
public final class ClassClosure {
    private ClassClosure() {}

    /**
     * @param classes internal name ({@code a/b/C}) to class file bytes, for every application class
     * @param roots   internal names to start from
     * @return the internal names of the reachable application classes, sorted
     */
    public static Set<String> of(Map<String, byte[]> classes, Set<String> roots) {
        Set<String> reached = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String root : roots) {
            if (classes.containsKey(root) && reached.add(root)) todo.add(root);
        }
        while (!todo.isEmpty()) {
            for (String name : references(classes.get(todo.poll()))) {
                if (classes.containsKey(name) && reached.add(name)) todo.add(name);
            }
        }
        return reached;
    }

    /** Every internal name one class file refers to, including string constants read as class names. */
    static Set<String> references(byte[] classFile) {
        Collector collector = new Collector();
        // the remapper only sees what its delegate asks to visit; a writer asks for everything
        new ClassReader(classFile).accept(new ClassRemapper(new ClassWriter(0), collector), 0);
        return collector.names;
    }

    /** A remapper that renames nothing and remembers every name it is asked about. */
    private static final class Collector extends Remapper {
        final Set<String> names = new TreeSet<>();

        @Override
        public String map(String internalName) {
            names.add(internalName);
            return internalName;
        }

        @Override
        public Object mapValue(Object value) {
            if (value instanceof String s && !s.isEmpty() && s.length() < 1000) {
                names.add(s.replace('.', '/'));
            }
            return super.mapValue(value);
        }
    }
}
