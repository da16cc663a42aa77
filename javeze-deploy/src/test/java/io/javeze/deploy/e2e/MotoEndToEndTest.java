package io.javeze.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.bench.ServerProcess;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.testing.CallCounter;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.TestApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy's whole life against moto, an emulator users already run: deploy, a no-op redeploy, a one-route change,
 * remove. Runs only where {@code moto_server} is on the PATH (skipped otherwise, as in CI); moto 5.2.1 does not
 * implement API Gateway v2's GetAuthorizers, which the redeploys and remove work around.
 */
class MotoEndToEndTest {
    static final String SERVICE = "e2e-moto";

    @TempDir
    Path temp;

    @Test
    void deployRedeployChangeAndRemove() throws Exception {
        assumeTrue(onPath("moto_server"), "moto_server is not on the PATH");
        TestApp app = new TestApp(Files.createDirectories(temp.resolve("project"))).write(SERVICE);
        app.build();
        CallCounter counter = new CallCounter();
        try (ServerProcess moto = ServerProcess.moto(temp.resolve("moto.log"));
             LocalClients clients = new LocalClients(moto.endpoint, counter);
             Deployer deployer = new Deployer(clients.clients, new Deployer.Options(16, StepListener.NONE, null))) {
            DeployReport first = deployer.deploy(app.dir(), false);
            assertThat(first.functions()).extracting(DeployReport.FunctionResult::action).containsOnly("created");

            counter.reset();
            DeployReport again = deployer.deploy(app.dir(), false);
            assertThat(again.plan()).isEmpty();
            assertThat(counter.writes()).isEmpty();
            assertThat(again.warnings()).anyMatch(w -> w.contains("does not implement ApiGatewayV2 GetAuthorizers"));

            app.greeting("Howdy"); // one route's code changes
            app.build();
            counter.reset();
            DeployReport changed = deployer.deploy(app.dir(), false);
            assertThat(changed.functions()).filteredOn(f -> !f.action().equals("unchanged"))
                    .extracting(DeployReport.FunctionResult::name).containsExactly("hello");
            assertThat(counter.writes()).allMatch(w -> w.startsWith("Lambda."));

            deployer.remove(app.dir(), false, false);
            assertThat(clients.clients.apiGateway().getApis().items()).isEmpty();
            assertThat(clients.clients.lambda().listFunctions().functions()).noneMatch(f -> f.functionName().startsWith(SERVICE));
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }
}
