package io.javeze.build.permissions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The application methods a function can run, from its handler class: a call graph over the application's classes
 * by class hierarchy (a virtual or interface call reaches the declaration and every override in an application
 * subtype), lambdas and method references (their implementation handles), and, so that nothing is missed, what
 * library code may call back into: every class the reached code touches gets its static initializer and constructors
 * reached, and, when it has a library supertype (a record, a {@code Runnable}, a {@code Comparator}...), all its
 * instance methods and those of its application supertypes. A class named by a string constant counts as touched
 * ({@code Class.forName}). Over-approximating never under-grants; it only grants a call a function might not make.
 */
final class ReachableMethods {
    /** A method of an application class, visited with its class. */
    record Reached(ClassNode owner, MethodNode method) {}

    private final Map<String, byte[]> classes;
    private final Map<String, ClassNode> nodes = new HashMap<>();
    private Map<String, List<String>> subtypes;

    ReachableMethods(Map<String, byte[]> classes) {
        this.classes = classes;
    }

    /** Visits every method reachable from all methods of {@code roots}, once each. */
    void walk(Set<String> roots, Consumer<Reached> visitor) {
        Walk walk = new Walk(visitor);
        for (String root : roots) {
            ClassNode node = node(root);
            if (node == null) continue;
            walk.touch(root);
            for (MethodNode m : node.methods) walk.enqueue(root, m.name, m.desc);
        }
        walk.run();
    }

    private final class Walk {
        private final Consumer<Reached> visitor;
        private final Set<String> touched = new HashSet<>();
        private final Set<String> seen = new HashSet<>();
        private final Deque<String[]> todo = new ArrayDeque<>();

        Walk(Consumer<Reached> visitor) {
            this.visitor = visitor;
        }

        void run() {
            while (!todo.isEmpty()) {
                String[] m = todo.poll();
                ClassNode owner = node(m[0]);
                MethodNode method = declared(owner, m[1], m[2]);
                if (method == null || method.instructions == null) continue;
                visitor.accept(new Reached(owner, method));
                for (String t : descriptorTypes(method.desc)) touch(t);
                for (AbstractInsnNode insn : method.instructions) follow(insn);
            }
        }

        private void follow(AbstractInsnNode insn) {
            if (insn instanceof MethodInsnNode call) {
                if (!isApp(call.owner)) return;
                touch(call.owner);
                enqueueResolved(call.owner, call.name, call.desc);
                if (call.getOpcode() == Opcodes.INVOKEVIRTUAL || call.getOpcode() == Opcodes.INVOKEINTERFACE) {
                    for (String sub : allSubtypes(call.owner)) enqueue(sub, call.name, call.desc);
                }
            } else if (insn instanceof FieldInsnNode field) {
                touch(field.owner);
            } else if (insn instanceof TypeInsnNode type) {
                touch(type.desc);
            } else if (insn instanceof MultiANewArrayInsnNode array) {
                touch(array.desc);
            } else if (insn instanceof InvokeDynamicInsnNode indy) {
                for (Object arg : indy.bsmArgs) {
                    if (arg instanceof Handle h && isApp(h.getOwner())) {
                        touch(h.getOwner());
                        enqueueResolved(h.getOwner(), h.getName(), h.getDesc());
                    }
                }
            } else if (insn instanceof LdcInsnNode ldc) {
                if (ldc.cst instanceof Type t) touch(t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY ? t.getInternalName() : "");
                if (ldc.cst instanceof String s && !s.isEmpty() && s.length() < 1000) touch(s.replace('.', '/'));
            }
        }

        /** A class the code uses: its initializers run, and library code may call its overrides. */
        void touch(String name) {
            String cls = name.startsWith("[") ? elementType(name) : name;
            if (cls == null || !isApp(cls) || !touched.add(cls)) return;
            ClassNode node = node(cls);
            boolean libraryCallsIn = hasLibrarySupertype(node);
            for (MethodNode m : node.methods) {
                boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
                if (m.name.equals("<clinit>") || m.name.equals("<init>") || (libraryCallsIn && !isStatic)) enqueue(cls, m.name, m.desc);
            }
            if (libraryCallsIn) {
                for (String sup : appSupertypes(node)) {
                    for (MethodNode m : node(sup).methods) {
                        if ((m.access & Opcodes.ACC_STATIC) == 0 && !m.name.startsWith("<")) enqueue(sup, m.name, m.desc);
                    }
                }
            }
            if (node.superName != null) touch(node.superName);
        }

        void enqueue(String owner, String name, String desc) {
            if (seen.add(owner + '.' + name + desc)) todo.add(new String[] {owner, name, desc});
        }

        /** The declaration a call on {@code owner} binds to: its own, else an application superclass's or interface's. */
        private void enqueueResolved(String owner, String name, String desc) {
            for (String c = owner; c != null && isApp(c); c = node(c).superName) {
                if (declared(node(c), name, desc) != null) {
                    enqueue(c, name, desc);
                    return;
                }
            }
            for (String sup : appSupertypes(node(owner))) {
                if (declared(node(sup), name, desc) != null) enqueue(sup, name, desc);
            }
        }
    }

    private static String[] descriptorTypes(String desc) {
        List<String> out = new ArrayList<>();
        for (Type t : Type.getArgumentTypes(desc)) {
            if (t.getSort() == Type.OBJECT) out.add(t.getInternalName());
        }
        return out.toArray(String[]::new);
    }

    private static String elementType(String arrayDesc) {
        Type t = Type.getType(arrayDesc).getElementType();
        return t.getSort() == Type.OBJECT ? t.getInternalName() : null;
    }

    private boolean isApp(String name) {
        return classes.containsKey(name);
    }

    private ClassNode node(String name) {
        if (!isApp(name)) return null;
        return nodes.computeIfAbsent(name, n -> {
            ClassNode node = new ClassNode();
            new ClassReader(classes.get(n)).accept(node, ClassReader.SKIP_FRAMES);
            return node;
        });
    }

    private static MethodNode declared(ClassNode owner, String name, String desc) {
        if (owner == null) return null;
        for (MethodNode m : owner.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) return m;
        }
        return null;
    }

    /** Whether library code may call the class's methods: a supertype outside the application other than Object. */
    private boolean hasLibrarySupertype(ClassNode node) {
        if (node.superName != null && !node.superName.equals("java/lang/Object")) {
            if (!isApp(node.superName) || hasLibrarySupertype(node(node.superName))) return true;
        }
        for (String i : node.interfaces) {
            if (!isApp(i) || hasLibrarySupertype(node(i))) return true;
        }
        return false;
    }

    /** Every application superclass and interface, transitively. */
    private Set<String> appSupertypes(ClassNode node) {
        Set<String> out = new HashSet<>();
        Deque<ClassNode> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            ClassNode n = todo.poll();
            List<String> supers = new ArrayList<>(n.interfaces);
            if (n.superName != null) supers.add(n.superName);
            for (String s : supers) {
                if (isApp(s) && out.add(s)) todo.add(node(s));
            }
        }
        return out;
    }

    /** Every application class that extends or implements {@code type}, transitively. */
    private Set<String> allSubtypes(String type) {
        if (subtypes == null) {
            subtypes = new HashMap<>();
            for (String name : classes.keySet()) {
                ClassReader header = new ClassReader(classes.get(name));
                List<String> supers = new ArrayList<>(List.of(header.getInterfaces()));
                if (header.getSuperName() != null) supers.add(header.getSuperName());
                for (String s : supers) subtypes.computeIfAbsent(s, k -> new ArrayList<>()).add(name);
            }
        }
        Set<String> out = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            for (String sub : subtypes.getOrDefault(todo.poll(), List.of())) {
                if (out.add(sub)) todo.add(sub);
            }
        }
        return out;
    }
}
