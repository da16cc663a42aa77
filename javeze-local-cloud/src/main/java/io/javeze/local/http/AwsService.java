package io.javeze.local.http;

/** One AWS service of the local cloud, addressed by its SigV4 signing name. */
public interface AwsService {
    String signingName();

    AwsResponse handle(AwsCall call);
}
