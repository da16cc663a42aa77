package io.javeze.function;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code javeze function deploy} and {@code mvn javeze:deploy-function}: validate everything, then reconcile one
 * function (or publish one extension layer) with AWS.
 */
public final class FunctionDeploy {
    private final Function<AwsTarget, AwsClients> clients;

    public FunctionDeploy() {
        this(AwsClients::new);
    }

    /** @param clients makes the AWS clients; only called once the request is valid */
    public FunctionDeploy(Function<AwsTarget, AwsClients> clients) {
        this.clients = clients;
    }

    /** Checks the options without any AWS call; throws {@link io.javeze.config.JavezeException} naming the bad flag. */
    public DeploySpec validate(FunctionDeployOptions options) {
        return new DeployValidator().validate(options);
    }

    public DeployResult deploy(FunctionDeployOptions options, Consumer<String> progress) {
        return deploy(validate(options), progress);
    }

    public DeployResult deploy(DeploySpec spec, Consumer<String> progress) {
        Changes changes = new Changes(spec.dryRun(), progress);
        try (AwsClients aws = clients.apply(spec.target())) {
            return spec.extension()
                    ? new LayerPublisher(aws, spec, changes).publish()
                    : new FunctionReconciler(aws, spec, changes).reconcile();
        }
    }
}
