package io.javeze.cli.local;

import io.javeze.local.daemon.Inventory;
import io.javeze.local.daemon.LocalCloudDaemon;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show whether the local cloud runs, its endpoint and what is deployed.")
public final class LocalStatusCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Override
    public Integer call() {
        var running = LocalCloudDaemon.running(data.dir());
        System.out.println(running.map(r -> "running at " + r.endpoint() + " (pid " + r.pid() + ")").orElse("not running")
                + "; data: " + data.dir());
        running.flatMap(r -> LocalCloudDaemon.isolation(r.endpoint()))
                .ifPresent(isolation -> System.out.println("isolation: " + isolation));
        Inventory inv = Inventory.read(data.dir());
        System.out.println("functions: " + inv.functions().size());
        inv.functions().forEach(f -> System.out.println("  " + f.name() + "  " + f.runtime() + "  " + f.handler()
                + (f.url() == null ? "" : "  " + f.url())));
        System.out.println("http apis: " + inv.apis().size());
        inv.apis().forEach(a -> a.stages().forEach(s -> System.out.println("  " + a.name() + "  " + a.endpoint() + "/" + s
                + "  (" + a.routes() + " routes)")));
        inv.apis().stream().filter(a -> a.stages().isEmpty())
                .forEach(a -> System.out.println("  " + a.name() + "  " + a.apiId() + "  (no stage)"));
        System.out.println("queues: " + inv.queues().size() + (inv.queues().isEmpty() ? "" : "  " + String.join(", ", inv.queues())));
        System.out.println("topics: " + inv.topics().size());
        inv.topics().forEach(t -> System.out.println("  " + t));
        System.out.println("roles: " + inv.roles().size());
        return 0;
    }
}
