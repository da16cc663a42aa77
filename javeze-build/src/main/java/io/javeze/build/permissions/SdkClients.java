package io.javeze.build.permissions;

import io.javeze.build.PackageEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
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
 * {@code Default*BaseClientBuilder.signingName()} returns; each of its methods' operation is the name the generated
 * {@code DefaultYClient} passes to {@code withOperationName} (paginators: the operation they page).
 */
final class SdkClients {
    static final String PREFIX = "software/amazon/awssdk/services/";

    /** A service client: its signing name and each method name's operation. */
    record Client(String signingName, Map<String, String> operations) {
        Optional<String> operation(String method) {
            String op = operations.get(method);
            if (op == null && method.endsWith("Paginator")) op = operations.get(method.substring(0, method.length() - "Paginator".length()));
            return Optional.ofNullable(op);
        }
    }

    private final List<PackageEntry> jars;
    private Map<String, byte[]> classes;
    private final Map<String, Optional<Client>> clients = new HashMap<>();

    SdkClients(List<PackageEntry> jars) {
        this.jars = jars;
    }

    /** The client an internal class name denotes, or empty when it is not an SDK v2 service client interface. */
    Optional<Client> client(String internalName) {
        if (!internalName.startsWith(PREFIX) || !internalName.endsWith("Client")) return Optional.empty();
        return clients.computeIfAbsent(internalName, this::read);
    }

    private Optional<Client> read(String name) {
        byte[] iface = classes().get(name);
        if (iface == null || !declaresServiceMetadata(iface)) return Optional.empty();
        String pkg = name.substring(0, name.lastIndexOf('/') + 1);
        String simple = name.substring(pkg.length());
        byte[] impl = classes().get(pkg + "Default" + simple);
        if (impl == null) return Optional.empty();
        String signingName = classes().entrySet().stream()
                .filter(e -> e.getKey().startsWith(pkg + "Default") && e.getKey().endsWith("BaseClientBuilder")
                        && e.getKey().lastIndexOf('/') == pkg.length() - 1)
                .map(e -> constantReturnedBy(e.getValue(), "signingName"))
                .filter(s -> s != null).findFirst().orElse(null);
        if (signingName == null) return Optional.empty();
        return Optional.of(new Client(signingName, operations(impl)));
    }

    /** The classes of the services' top-level packages ({@code software/amazon/awssdk/services/X/*}), read once. */
    private Map<String, byte[]> classes() {
        if (classes != null) return classes;
        classes = new HashMap<>();
        for (PackageEntry jar : jars) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar.content()))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    String n = e.getName();
                    if (!n.startsWith(PREFIX) || !n.endsWith(".class")) continue;
                    int slash = n.indexOf('/', PREFIX.length());
                    if (slash < 0 || n.indexOf('/', slash + 1) >= 0) continue;
                    classes.put(n.substring(0, n.length() - ".class".length()), zip.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(jar.path() + ": cannot read: " + e.getMessage(), e);
            }
        }
        return classes;
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
