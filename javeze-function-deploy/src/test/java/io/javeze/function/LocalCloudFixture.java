package io.javeze.function;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An in-process local cloud on an ephemeral loopback port, and deploys aimed at it. */
final class LocalCloudFixture implements AutoCloseable {
    final LocalCloud cloud;
    final AwsClients aws;
    final List<String> progress = new ArrayList<>();

    LocalCloudFixture(Path dataDir) {
        cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dataDir));
        aws = new AwsClients(AwsTarget.local(cloud.endpoint(), null));
    }

    FunctionDeployOptions options(String name, Path zip) {
        FunctionDeployOptions o = new FunctionDeployOptions();
        o.name = name;
        o.zip = zip;
        o.local = true;
        o.endpointUrl = cloud.endpoint().toString();
        return o;
    }

    DeployResult deploy(String name, Path zip, Consumer<FunctionDeployOptions> settings) {
        FunctionDeployOptions o = options(name, zip);
        settings.accept(o);
        return new FunctionDeploy().deploy(o, progress::add);
    }

    @Override
    public void close() {
        aws.close();
        cloud.close();
    }
}
