package io.javeze.function;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.config.JavezeException;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
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
        if (spec.target().local()) {
            requireListening(spec.target().endpointUrl());
        }
        Changes changes = new Changes(spec.dryRun(), progress);
        try (AwsClients aws = clients.apply(spec.target())) {
            return spec.extension()
                    ? new LayerPublisher(aws, spec, changes).publish()
                    : new FunctionReconciler(aws, spec, changes).reconcile();
        } catch (AwsServiceException e) {
            // AWS said no (access denied, quota, a concurrent change...): the user can act on its message
            throw new JavezeException(e.awsErrorDetails().serviceName() + " refused the deploy of " + spec.name() + ": "
                    + e.awsErrorDetails().errorMessage() + " (" + e.awsErrorDetails().errorCode() + ")"
                    + (changes.made().isEmpty() ? "" : "; steps started before it failed: " + String.join(", ", changes.made())), e);
        } catch (SdkClientException e) {
            throw new JavezeException("cannot reach AWS" + (spec.target().endpointUrl() != null ? " at " + spec.target().endpointUrl() : "")
                    + ": " + e.getMessage(), e);
        }
    }

    private static void requireListening(URI endpoint) {
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), 2_000);
        } catch (IOException e) {
            throw new JavezeException("--local: no local cloud answers at " + endpoint + "; start it with `javeze local start`");
        }
    }
}
