package io.javeze.build.permissions;

import io.javeze.build.PackageEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * The AWS SDK v2 client calls a function can make, each with the IAM actions it needs (derived from the SDK jars'
 * own metadata: {@link SdkClients}) and its call site: the calls in the application methods reachable from the
 * function's handler ({@link ReachableMethods}), so a class holding several routes gives each function only the
 * calls its own route reaches. Calls made inside libraries (the DynamoDB enhanced client, for instance) are not seen;
 * declare what they need with {@code [[functions.NAME.iam.statements]]}.
 */
public final class SdkCallFinder {
    private final SdkClients clients;

    /** @param jars the application's runtime dependency jars */
    public SdkCallFinder(List<PackageEntry> jars) {
        this(jars, List.of());
    }

    /** @param jarFiles where each of {@code jars} was read from, in order: classes are then read from them directly */
    public SdkCallFinder(List<PackageEntry> jars, List<Path> jarFiles) {
        this.clients = new SdkClients(jars, jarFiles);
    }

    /**
     * @param classes internal name to class file bytes of the application
     * @param roots   the function's entry classes (its generated handler), every method of which is reachable
     * @return the calls, sorted by action and site, each once
     */
    public List<AwsCall> find(Map<String, byte[]> classes, Set<String> roots) {
        Set<AwsCall> calls = new TreeSet<>();
        new ReachableMethods(classes).walk(roots, reached -> {
            int line = -1;
            for (AbstractInsnNode insn : reached.method().instructions) {
                if (insn instanceof LineNumberNode n) line = n.line;
                if (!(insn instanceof MethodInsnNode call) || !call.owner.startsWith(SdkClients.PREFIX)) continue;
                String site = site(reached, line);
                clients.client(call.owner).flatMap(c -> c.operation(call.name).map(op -> IamActions.of(c.signingName(), op)))
                        .ifPresent(actions -> actions.forEach(a -> calls.add(new AwsCall(a, site))));
            }
        });
        return List.copyOf(calls);
    }

    /** As a stack frame reads: {@code com.example.Orders.get(Orders.java:42)}. */
    private static String site(ReachableMethods.Reached reached, int line) {
        String source = reached.owner().sourceFile;
        String where = source == null ? "Unknown Source" : line < 0 ? source : source + ":" + line;
        return reached.owner().name.replace('/', '.') + "." + reached.method().name + "(" + where + ")";
    }
}
