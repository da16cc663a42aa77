package io.javeze.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.testing.CallCounter;
import io.javeze.deploy.testing.Http;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import io.javeze.local.fault.FaultInjection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With throttling, 5xx errors and conflict windows injected, deploy still converges, then is a no-op, and remove cleans up. */
class FaultInjectionEndToEndTest {
    static final String SERVICE = "e2e-faults";

    @TempDir
    Path temp;

    @Test
    void deployConvergesDespiteThrottlingServerErrorsAndConflicts() throws Exception {
        TestApp app = new TestApp(Files.createDirectories(temp.resolve("project"))).write(SERVICE);
        app.build();
        FaultInjection faults = new FaultInjection(42, 0, 0.10, 0.05, 300);
        CallCounter counter = new CallCounter();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(temp.resolve("cloud")).withFaults(faults));
             LocalClients local = new LocalClients(cloud.endpoint(), counter);
             Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, StepListener.NONE, null))) {

            DeployReport report = deployer.deploy(app.dir(), false);
            assertThat(report.functions()).hasSize(5).extracting(DeployReport.FunctionResult::action).containsOnly("created");
            String secret = report.endpoints().stream().filter(e -> e.path().equals("/secret")).findFirst().orElseThrow().url();
            assertThat(Http.get(secret, "Authorization", "Bearer " + TestApp.TOKEN).status()).isEqualTo(200);

            counter.reset();
            DeployReport again = deployer.deploy(app.dir(), false);
            assertThat(again.plan()).isEmpty();
            assertThat(counter.writes()).isEmpty();

            deployer.remove(app.dir(), false, false);
            assertThat(local.clients.lambda().listFunctions().functions()).noneMatch(f -> f.functionName().startsWith(SERVICE));
            assertThat(local.clients.apiGateway().getApis().items()).isEmpty();
        }
    }
}
