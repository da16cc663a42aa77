package io.javeze.build.permissions;

import io.javeze.build.PackageEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the AWS SDK v2 jars on the application's class path say about their service clients, read from their
 * generated classes: a client is an interface {@code software.amazon.awssdk.services.X.YClient} (or
 * {@code YAsyncClient}) declaring {@code SERVICE_METADATA_ID}; its IAM service prefix is the SigV4 signing name its
 * {@code DefaultYBaseClientBuilder.signingName()} returns; each of its methods' operation is the name the generated
 * {@code DefaultYClient} passes to {@code withOperationName} (paginators: the operation they page).
 */
final class SdkClients {
    static final String PREFIX = "software/amazon/awssdk/services/";

    /**
     * A service client: its signing name, each generated method's operation, and which of the interface's own
     * methods each convenience method (a default method such as {@code getObjectAsBytes}) calls.
     */
    record Client(String signingName, Map<String, String> operations, Map<String, Set<String>> delegates) {
        Optional<String> operation(String method) {
            Deque<String> todo = new ArrayDeque<>(List.of(method));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String m = todo.poll();
                if (!seen.add(m)) continue;
                String op = operations.get(m);
                if (op == null && m.endsWith("Paginator")) op = operations.get(m.substring(0, m.length() - "Paginator".length()));
                if (op != null) return Optional.of(op);
                todo.addAll(delegates.getOrDefault(m, Set.of()));
            }
            return Optional.empty();
        }
    }

    private final List<PackageEntry> jars;
    private final List<Path> jarFiles;
    private Map<String, byte[]> scanned;
    private final Map<String, Optional<Client>> clients = new HashMap<>();

    /** @param jarFiles where each jar was read from, in the same order, or empty (then the jars' bytes are scanned) */
    SdkClients(List<PackageEntry> jars, List<Path> jarFiles) {
        this.jars = jars;
        this.jarFiles = jarFiles.size() == jars.size() ? jarFiles : List.of();
    }

    /** The client an internal class name denotes, or empty when it is not an SDK v2 service client interface. */
    Optional<Client> client(String internalName) {
        if (!internalName.startsWith(PREFIX) || !internalName.endsWith("Client")) return Optional.empty();
        return clients.computeIfAbsent(internalName, this::read);
    }

    private Optional<Client> read(String name) {
        byte[] iface = classFile(name);
        if (iface == null || !declaresServiceMetadata(iface)) return Optional.empty();
        String pkg = name.substring(0, name.lastIndexOf('/') + 1);
        String simple = name.substring(pkg.length());
        byte[] impl = classFile(pkg + "Default" + simple);
        String base = simple.endsWith("AsyncClient") ? simple.substring(0, simple.length() - "AsyncClient".length())
                : simple.substring(0, simple.length() - "Client".length());
        byte[] builder = classFile(pkg + "Default" + base + "BaseClientBuilder");
        String signingName = builder == null ? null : constantReturnedBy(builder, "signingName");
        if (impl == null || signingName == null) return Optional.empty();
        return Optional.of(new Client(signingName, operations(impl), delegates(iface, name)));
    }

    /** One class of the jars: looked up in the jar files when known, else in the services' classes scanned once. */
    private byte[] classFile(String name) {
        if (jarFiles.isEmpty()) return scanned().get(name);
        for (Path jar : jarFiles) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(name + ".class");
                if (entry != null) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        return in.readAllBytes();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(jar + ": cannot read: " + e.getMessage(), e);
            }
        }
        return null;
    }

    /** The classes of the services' top-level packages ({@code software/amazon/awssdk/services/X/*}), read once. */
    private Map<String, byte[]> scanned() {
        if (scanned != null) return scanned;
        scanned = new HashMap<>();
        for (PackageEntry jar : jars) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar.content()))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    String n = e.getName();
                    if (!n.startsWith(PREFIX) || !n.endsWith(".class")) continue;
                    int slash = n.indexOf('/', PREFIX.length());
                    if (slash < 0 || n.indexOf('/', slash + 1) >= 0) continue;
                    scanned.put(n.substring(0, n.length() - ".class".length()), zip.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(jar.path() + ": cannot read: " + e.getMessage(), e);
            }
        }
        return scanned;
    }

    private static boolean declaresServiceMetadata(byte[] classFile) {
        boolean[] found = {false};
        ClassReader reader = new ClassReader(classFile);
        if ((reader.getAccess() & Opcodes.ACC_INTERFACE) == 0) return false;
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (name.equals("SERVICE_METADATA_ID")) found[0] = true;
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return found[0];
    }

    /** The string constant a no-argument method returns ({@code ldc "x"; areturn}), or null. */
    private static String constantReturnedBy(byte[] classFile, String method) {
        String[] out = {null};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (!name.equals(method) || !descriptor.equals("()Ljava/lang/String;")) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        if (out[0] == null && value instanceof String s) out[0] = s;
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
        return out[0];
    }

    /** Method name → the names of the methods it calls on the client interface itself. */
    private static Map<String, Set<String>> delegates(byte[] classFile, String owner) {
        Map<String, Set<String>> out = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String callOwner, String method, String desc, boolean itf) {
                        if (callOwner.equals(owner) && !method.equals(name)) out.computeIfAbsent(name, k -> new HashSet<>()).add(method);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
        return out;
    }

    /** Method name → operation name, from the {@code withOperationName("X")} each generated method makes. */
    private static Map<String, String> operations(byte[] classFile) {
        Map<String, String> out = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    private String lastString;

                    @Override
                    public void visitLdcInsn(Object value) {
                        lastString = value instanceof String s ? s : null;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (method.equals("withOperationName") && lastString != null) out.putIfAbsent(name, lastString);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
        return out;
    }
}
