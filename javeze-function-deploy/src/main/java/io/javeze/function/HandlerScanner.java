package io.javeze.function;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Finds the concrete classes implementing AWS's {@code RequestHandler} or {@code RequestStreamHandler}, directly or
 * through a superclass or interface in the same package, by reading class files with ASM (nothing is loaded).
 */
final class HandlerScanner {
    private static final Set<String> HANDLER_INTERFACES = Set.of(
            "com/amazonaws/services/lambda/runtime/RequestHandler",
            "com/amazonaws/services/lambda/runtime/RequestStreamHandler");

    private record ClassInfo(String superName, String[] interfaces, boolean concrete) {}

    private final Map<String, ClassInfo> classes = new HashMap<>();

    void add(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        int access = reader.getAccess();
        boolean concrete = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0 && (access & Opcodes.ACC_PUBLIC) != 0;
        classes.put(reader.getClassName(), new ClassInfo(reader.getSuperName(), reader.getInterfaces(), concrete));
    }

    /** {@code package.Class::handleRequest} for each handler class, sorted. */
    List<String> handlers() {
        Set<String> found = new TreeSet<>();
        classes.forEach((name, info) -> {
            if (info.concrete() && isHandler(name, 0)) {
                found.add(name.replace('/', '.') + "::handleRequest");
            }
        });
        return List.copyOf(found);
    }

    private boolean isHandler(String name, int depth) {
        if (HANDLER_INTERFACES.contains(name)) {
            return true;
        }
        ClassInfo info = classes.get(name);
        if (info == null || depth > 32) {
            return false;
        }
        for (String itf : info.interfaces()) {
            if (isHandler(itf, depth + 1)) {
                return true;
            }
        }
        return info.superName() != null && isHandler(info.superName(), depth + 1);
    }
}
