package io.javeze.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import io.javeze.config.JavezeException;

/**
 * One shared HTTP connection pool and credential provider for every service client javeze uses. Each client is built
 * on its first use, by the thread that first needs it, so a command builds only the clients it calls (building one
 * costs tens of milliseconds of CPU, the first several hundred) and several can be built side by side. Close this to
 * release the pool.
 */
public final class AwsClients implements AutoCloseable {
    private final AwsTarget target;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final Lazy<SdkHttpClient> http;
    private final ClientOverrideConfiguration overrides;
    private final AwsTimeouts timeouts;
    /** Attempts per call, the first included. */
    public static final int MAX_ATTEMPTS = 5;

    private final Lazy<StsClient> sts = new Lazy<>("sts", () -> build(StsClient.builder()));
    private final Lazy<IamClient> iam = new Lazy<>("iam", this::buildIam);
    private final Lazy<LambdaClient> lambda = new Lazy<>("lambda", () -> build(LambdaClient.builder()));
    private final Lazy<ApiGatewayV2Client> apiGateway = new Lazy<>("apigateway", () -> build(ApiGatewayV2Client.builder()));
    private final Lazy<SnsClient> sns = new Lazy<>("sns", () -> build(SnsClient.builder()));
    private final Lazy<SqsClient> sqs = new Lazy<>("sqs", () -> build(SqsClient.builder()));
    private final Lazy<S3Client> s3 = new Lazy<>("s3", this::buildS3);
    private final Lazy<CloudWatchLogsClient> logs = new Lazy<>("logs", () -> build(CloudWatchLogsClient.builder()));
    private final Lazy<SchedulerClient> scheduler = new Lazy<>("scheduler", () -> build(SchedulerClient.builder()));
    private final List<Lazy<? extends AutoCloseable>> all = List.of(sts, iam, lambda, apiGateway, sns, sqs, s3, logs, scheduler);

    public AwsClients(AwsTarget target) {
        this(target, 64);
    }

    public AwsClients(AwsTarget target, int maxConnections) {
        this(target, maxConnections, AwsTimeouts.DEFAULT, List.of());
    }

    /**
     * @param timeouts     how long to wait for AWS ({@link AwsTimeouts#DEFAULT} outside tests)
     * @param interceptors extra SDK interceptors (tests count or fault-inject calls with them)
     */
    public AwsClients(AwsTarget target, int maxConnections, AwsTimeouts timeouts, List<ExecutionInterceptor> interceptors) {
        // built with the first service client, on that client's thread (~8% of a fresh no-op deploy's Java samples)
        this(target, new Lazy<>("http", () -> httpClient(maxConnections, timeouts)), timeouts, interceptors);
    }

    /** @param http the one HTTP client every service client sends through; closed with this */
    public AwsClients(AwsTarget target, SdkHttpClient http, AwsTimeouts timeouts, List<ExecutionInterceptor> interceptors) {
        this(target, Lazy.of("http", http), timeouts, interceptors);
    }

    private AwsClients(AwsTarget target, Lazy<SdkHttpClient> http, AwsTimeouts timeouts, List<ExecutionInterceptor> interceptors) {
        this.target = target;
        this.region = resolveRegion(target);
        this.credentials = target.local()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsTarget.LOCAL_ACCESS_KEY, AwsTarget.LOCAL_SECRET_KEY))
                : target.profile() != null
                    ? ProfileCredentialsProvider.create(target.profile())
                    : DefaultCredentialsProvider.builder().build();
        this.timeouts = timeouts;
        this.http = http;
        this.overrides = overrides(timeouts, interceptors);
    }

    /** Every client shares one pool; reads are bounded by the per-call timeouts, not by the socket timeout. */
    public static SdkHttpClient httpClient(int maxConnections, AwsTimeouts timeouts) {
        return ApacheHttpClient.builder()
                .maxConnections(maxConnections)
                .connectionTimeout(timeouts.connect())
                .connectionAcquisitionTimeout(Duration.ofSeconds(60))
                .socketTimeout(Duration.ofMinutes(5))
                .socketFactory(new TlsOnFirstUse())
                .build();
    }

    /**
     * The one retry layer for transport-level failures: the SDK's adaptive strategy retries throttling, 5xx and
     * connection errors (up to {@link #MAX_ATTEMPTS} attempts, with client-side rate limiting). javeze's own code
     * retries only conditions the SDK does not know to be transient ({@link AwsRetry}): Lambda's "update in
     * progress" conflict and a new role that is not assumable yet.
     */
    public static ClientOverrideConfiguration overrides(AwsTimeouts timeouts, List<ExecutionInterceptor> interceptors) {
        List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
        all.add(new FailedCall.Interceptor());
        all.add(timeouts.new LongCalls());
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .apiCallAttemptTimeout(timeouts.attempt())
                .apiCallTimeout(timeouts.call())
                .executionInterceptors(all)
                .build();
    }

    public AwsTimeouts timeouts() {
        return timeouts;
    }

    private static Region resolveRegion(AwsTarget target) {
        if (target.region() != null) {
            return Region.of(target.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException e) {
            throw new JavezeException("no AWS region: pass --region, set [deployment] region in javeze.toml, or set AWS_REGION");
        }
    }

    public AwsTarget target() {
        return target;
    }

    public Region region() {
        return region;
    }

    private <B extends AwsClientBuilder<B, C>, C> C build(B builder) {
        builder.region(region).credentialsProvider(credentials);
        if (target.endpointUrl() != null) {
            builder.endpointOverride(target.endpointUrl());
        }
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http.get());
        }
        builder.overrideConfiguration(overrides);
        return builder.build();
    }

    private IamClient buildIam() {
        // IAM is global: its endpoint is its partition's global one (aws-global, aws-cn-global, aws-us-gov-global)
        var b = IamClient.builder().credentialsProvider(credentials).httpClient(http.get()).overrideConfiguration(overrides);
        if (target.endpointUrl() != null) {
            b.region(region).endpointOverride(target.endpointUrl());
        } else {
            b.region(Partitions.globalRegion(region.id()));
        }
        return b.build();
    }

    private S3Client buildS3() {
        var b = S3Client.builder();
        if (target.endpointUrl() != null) {
            b.forcePathStyle(true);
        }
        return build(b);
    }

    public StsClient sts() {
        return sts.get();
    }

    public IamClient iam() {
        return iam.get();
    }

    public LambdaClient lambda() {
        return lambda.get();
    }

    public ApiGatewayV2Client apiGateway() {
        return apiGateway.get();
    }

    public SnsClient sns() {
        return sns.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    public S3Client s3() {
        return s3.get();
    }

    public CloudWatchLogsClient logs() {
        return logs.get();
    }

    public SchedulerClient scheduler() {
        return scheduler.get();
    }

    /** The services whose clients were built so far ({@code sts}, {@code lambda}, ...), in a fixed order. */
    public List<String> built() {
        return all.stream().filter(Lazy::built).map(l -> l.service).toList();
    }

    @Override
    public void close() {
        for (Lazy<? extends AutoCloseable> c : all) {
            if (c.built()) {
                try {
                    c.get().close();
                } catch (Exception ignored) {
                    // closing clients never fails in a way the user can act on
                }
            }
        }
        if (http.built()) http.get().close();
    }

    /** A client built by the first thread that asks for it; others asking meanwhile wait for that one. */
    private static final class Lazy<T> {
        final String service;
        private final Supplier<T> make;
        private volatile T value;

        Lazy(String service, Supplier<T> make) {
            this.service = service;
            this.make = make;
        }

        static <T> Lazy<T> of(String service, T value) {
            Lazy<T> built = new Lazy<>(service, () -> value);
            built.value = value;
            return built;
        }

        boolean built() {
            return value != null;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) value = make.get();
                    v = value;
                }
            }
            return v;
        }
    }
}
