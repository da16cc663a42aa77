package io.javeze.build.permissions;

import io.javeze.build.PackageEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The AWS SDK v2 client calls in a function's reachable application classes, each with the IAM actions it needs
 * (derived from the SDK jars' own metadata: {@link SdkClients}) and its call site. Every method of a reachable class
 * counts: reachability is per class, as packaging is. Calls made inside libraries (the DynamoDB enhanced client, for
 * instance) are not seen; declare what they need with {@code [[iam.statements]]}.
 */
public final class SdkCallFinder {
    private final SdkClients clients;

    /** @param jars the application's runtime dependency jars */
    public SdkCallFinder(List<PackageEntry> jars) {
        this.clients = new SdkClients(jars);
    }

    /**
     * @param classes internal name to class file bytes of the application
     * @param reached the internal names of the function's reachable classes
     * @return the calls, sorted by action and site, each once
     */
    public List<AwsCall> find(Map<String, byte[]> classes, Set<String> reached) {
        Set<AwsCall> calls = new TreeSet<>();
        for (String name : reached) {
            byte[] bytes = classes.get(name);
            if (bytes != null) scan(bytes, calls);
        }
        return List.copyOf(calls);
    }

    private void scan(byte[] classFile, Set<AwsCall> calls) {
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            private String className;
            private String source;

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                className = name.replace('/', '.');
            }

            @Override
            public void visitSource(String file, String debug) {
                source = file;
            }

            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    private int line = -1;

                    @Override
                    public void visitLineNumber(int number, Label start) {
                        line = number;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        if (!owner.startsWith(SdkClients.PREFIX)) return;
                        clients.client(owner).flatMap(c -> c.operation(name).map(op -> IamActions.of(c.signingName(), op)))
                                .ifPresent(actions -> actions.forEach(a -> calls.add(new AwsCall(a, site(method)))));
                    }

                    private String site(String method) {
                        String where = source == null ? "Unknown Source" : line < 0 ? source : source + ":" + line;
                        return className + "." + method + "(" + where + ")";
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
    }
}
