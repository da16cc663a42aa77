package io.javeze.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.javeze.aws.AwsErrors;
import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.QueryErrorProxy;
import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Deploy works against an endpoint that names AWS errors by their query-protocol codes, as AWS-compatible emulators
 * do: javeze matches errors by code, not by the SDK's exception class. (moto and LocalStack cannot run here; this
 * proxy in front of the local cloud reproduces their SQS answers.)
 */
class EmulatorErrorCodesEndToEndTest {
    static final String SERVICE = "e2e-query-errors";

    @TempDir
    Path temp;

    @Test
    void deployConvergesWhenSqsSaysNonExistentQueue() throws Exception {
        TestApp app = new TestApp(Files.createDirectories(temp.resolve("project"))).write(SERVICE);
        app.build();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(temp.resolve("cloud")));
             QueryErrorProxy proxy = new QueryErrorProxy(cloud.endpoint());
             LocalClients local = new LocalClients(proxy.endpoint());
             Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, StepListener.NONE, null))) {

            Throwable missing = catchThrowable(() -> local.clients.sqs().getQueueUrl(b -> b.queueName("no-such-queue")));
            assertThat(missing).as("the SDK no longer recognises the error by class").isInstanceOf(SqsException.class)
                    .isNotInstanceOf(QueueDoesNotExistException.class);
            assertThat(AwsErrors.isNotFound(missing)).isTrue();

            DeployReport report = deployer.deploy(app.dir(), false);
            assertThat(report.functions()).extracting(DeployReport.FunctionResult::action).containsOnly("created");
            assertThat(proxy.rewritten()).as("the deploy met the query-protocol answer").isGreaterThan(1);
            assertThat(local.clients.sqs().listQueues().queueUrls()).anyMatch(u -> u.contains(SERVICE));

            assertThat(deployer.deploy(app.dir(), false).plan()).isEmpty();

            deployer.remove(app.dir(), false, false);
            assertThat(local.clients.sqs().listQueues().queueUrls()).noneMatch(u -> u.contains(SERVICE));
        }
    }
}
