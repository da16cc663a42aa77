package io.javeze.cli.local;

import io.javeze.local.daemon.LocalCloudDaemon;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the local cloud; what is deployed stays in its data directory.")
public final class LocalStopCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Override
    public Integer call() {
        System.out.println(LocalCloudDaemon.stop(data.dir()) ? "local cloud stopped" : "no local cloud was running for " + data.dir());
        return 0;
    }
}
