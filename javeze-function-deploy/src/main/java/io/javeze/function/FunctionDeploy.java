package io.javeze.function;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsErrors;
import io.javeze.aws.AwsTarget;
import io.javeze.config.JavezeException;
import java.net.URI;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

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
        return deploy(spec, progress, null);
    }

    /** @param localCloud starts the default local cloud for {@code --local} without an endpoint; null: it must be running */
    public DeployResult deploy(DeploySpec spec, Consumer<String> progress, Supplier<URI> localCloud) {
        AwsTarget target = spec.target().connect(localCloud);
        Changes changes = new Changes(spec.dryRun(), progress);
        try (AwsClients aws = clients.apply(target)) {
            return spec.extension()
                    ? new LayerPublisher(aws, spec, changes).publish()
                    : new FunctionReconciler(aws, spec, changes).reconcile();
        } catch (SdkException e) {
            // AWS said no (access denied, quota, ...) or could not be reached: the user can act on it
            throw new JavezeException("deploy of " + spec.name() + ": " + AwsErrors.describe(e)
                    + (changes.made().isEmpty() ? "" : "; steps started before it failed: " + String.join(", ", changes.made())), e);
        }
    }
}
