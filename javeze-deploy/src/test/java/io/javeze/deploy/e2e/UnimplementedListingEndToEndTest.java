package io.javeze.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.javeze.deploy.DeployReport;
import io.javeze.deploy.Deployer;
import io.javeze.deploy.exec.StepListener;
import io.javeze.deploy.testing.CallCounter;
import io.javeze.deploy.testing.LocalClients;
import io.javeze.deploy.testing.MotoUnimplemented;
import io.javeze.deploy.testing.TestApp;
import io.javeze.local.LocalCloud;
import io.javeze.local.LocalCloudOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An endpoint without API Gateway v2's GetAuthorizers (moto 5.2.1 answers it with an HTML 500): the deploy reads the
 * authorizers it recorded one by one instead, after a single attempt at the listing, and says what it cannot see.
 */
class UnimplementedListingEndToEndTest {
    static final String SERVICE = "e2e-no-authorizer-listing";

    @TempDir
    Path temp;

    @Test
    void noOpRedeployAndRemoveWorkWithoutGetAuthorizers() throws Exception {
        TestApp app = new TestApp(Files.createDirectories(temp.resolve("project"))).write(SERVICE);
        app.build();
        MotoUnimplemented moto = new MotoUnimplemented("GetAuthorizers");
        CallCounter counter = new CallCounter();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(temp.resolve("cloud")));
             LocalClients local = new LocalClients(cloud.endpoint(), moto, counter);
             Deployer deployer = new Deployer(local.clients, new Deployer.Options(16, StepListener.NONE, null))) {
            DeployReport first = deployer.deploy(app.dir(), false);
            assertThat(first.plan()).anyMatch(l -> l.contains("authorizer"));
            String apiId = first.apiId();
            assertThat(local.clients.apiGateway().getAuthorizers(b -> b.apiId(apiId)).items()).hasSize(1);

            moto.on();
            counter.reset();
            DeployReport again = deployer.deploy(app.dir(), false);

            assertThat(again.plan()).as("the recorded authorizer was found: nothing to change").isEmpty();
            assertThat(counter.writes()).isEmpty();
            assertThat(moto.attempts()).as("one attempt at the listing, no retries").isEqualTo(1);
            assertThat(counter.all()).contains("ApiGatewayV2.GetAuthorizer");
            assertThat(again.warnings()).anyMatch(w -> w.contains("does not implement ApiGatewayV2 GetAuthorizers")
                    && w.contains("not recorded cannot be seen"));

            DeployReport removed = deployer.remove(app.dir(), false, false);
            assertThat(removed.plan()).anyMatch(l -> l.contains("authorizer") || l.contains("api"));
            assertThat(local.clients.apiGateway().getApis().items()).noneMatch(a -> a.apiId().equals(apiId));
        }
    }
}
