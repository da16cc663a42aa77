package io.javeze.deploy.testing;

import io.javeze.aws.AwsClients;
import io.javeze.aws.AwsTarget;
import io.javeze.aws.AwsTimeouts;
import io.javeze.deploy.aws.Clients;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** SDK clients for the local cloud with interceptors, built by io.javeze.aws.AwsClients as a deploy builds its own. */
public final class LocalClients implements AutoCloseable {
    public final AwsClients aws;
    public final Clients clients;

    public LocalClients(URI endpoint, ExecutionInterceptor... interceptors) {
        aws = new AwsClients(AwsTarget.local(endpoint, null), 64, AwsTimeouts.DEFAULT, List.of(interceptors));
        clients = Clients.from(aws);
    }

    @Override
    public void close() {
        aws.close();
    }
}
