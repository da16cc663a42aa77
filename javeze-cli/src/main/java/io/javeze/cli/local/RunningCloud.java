package io.javeze.cli.local;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.config.JavezeException;
import io.javeze.local.daemon.LocalCloudDaemon;

/** SDK clients for the running local cloud of a data directory. */
final class RunningCloud {
    private RunningCloud() {}

    static AwsClients clients(DataDirOption data) {
        var running = LocalCloudDaemon.running(data.dir()).orElseThrow(() -> new JavezeException(
                "no local cloud runs for " + data.dir() + "; start it with `javeze local start --detach`"));
        return new AwsClients(AwsTarget.local(running.endpoint(), AwsTarget.LOCAL_REGION), 4);
    }
}
