package io.javeze.local;

import io.javeze.config.JavezeException;
import io.javeze.local.apigw.ApiGatewayService;
import io.javeze.local.dynamodb.DynamoDbService;
import io.javeze.local.exec.ExecutorSettings;
import io.javeze.local.exec.FunctionExecutor;
import io.javeze.local.exec.Isolation;
import io.javeze.local.exec.ProcessFunctionExecutor;
import io.javeze.local.fault.FaultInjector;
import io.javeze.local.gateway.FunctionUrlView;
import io.javeze.local.gateway.GatewayDataPlane;
import io.javeze.local.gateway.HttpApiRegistry;
import io.javeze.local.gateway.ServiceInvoker;
import io.javeze.local.http.ApiHandler;
import io.javeze.local.http.DataPlane;
import io.javeze.local.iam.IamProvider;
import io.javeze.local.iam.IamStore;
import io.javeze.local.iam.RoleAuthorizer;
import io.javeze.local.lambda.LambdaProvider;
import io.javeze.local.gateway.AccessLog;
import io.javeze.local.logs.LogWriter;
import io.javeze.local.logs.LogsProvider;
import io.javeze.local.logs.LogsStore;
import io.javeze.local.s3.S3Provider;
import io.javeze.local.scheduler.ScheduleRunner;
import io.javeze.local.scheduler.SchedulerService;
import io.javeze.local.sns.SnsDelivery;
import io.javeze.local.sns.SnsProvider;
import io.javeze.local.sns.SnsStore;
import io.javeze.local.sqs.SqsProvider;
import io.javeze.local.store.DataDirLock;
import io.javeze.local.store.PrivateFiles;
import io.javeze.local.store.StateStore;
import io.javeze.local.sts.StsProvider;
import java.io.IOException;
import java.net.URI;
import io.javeze.local.security.BrowserGuard;
import io.javeze.local.security.RoleSessions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded local cloud: AWS-compatible APIs on one loopback port that store and really run what is deployed.
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.defaults().withPort(0).withDataDir(dir))) {
 *     AwsTarget target = AwsTarget.local(cloud.endpoint(), "us-east-1");
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable {
    private final Server server;
    private final URI endpoint;
    private final FunctionExecutor executor;
    private final LambdaProvider lambda;
    private final LogWriter logs;
    private final SqsProvider sqs;
    private final SnsProvider sns;
    private final ApiGatewayService apiGateway;
    private final ApiHandler handler;
    private final ExecutorService invocations;
    private final DataDirLock lock;
    private final StateStore store;
    private final ScheduleRunner scheduleRunner;

    private LocalCloud(Server server, URI endpoint, FunctionExecutor executor, LambdaProvider lambda, LogWriter logs,
                       SqsProvider sqs, SnsProvider sns, ApiGatewayService apiGateway, ApiHandler handler,
                       ExecutorService invocations, DataDirLock lock, StateStore store, ScheduleRunner scheduleRunner) {
        this.scheduleRunner = scheduleRunner;
        this.invocations = invocations;
        this.lock = lock;
        this.store = store;
        this.server = server;
        this.endpoint = endpoint;
        this.executor = executor;
        this.lambda = lambda;
        this.logs = logs;
        this.sqs = sqs;
        this.sns = sns;
        this.apiGateway = apiGateway;
        this.handler = handler;
    }

    /** A connection idle this long (no byte in either direction) is closed. */
    static final int IDLE_TIMEOUT_MILLIS = 30_000;
    /** Open connections beyond this wait in the accept queue; each costs a buffer, never a thread. */
    static final int MAX_CONNECTIONS = 2_000;
    /** Requests waiting on a function at once; more wait in a queue, holding neither a server thread nor a connection slot. */
    static final int MAX_CONCURRENT_INVOCATIONS = 256;

    /**
     * Locks the data directory first (a second cloud on it fails naming the running one, before touching the port),
     * then binds the port, loads the state and starts serving. A failure at any step releases what the earlier steps
     * took: the socket, the executor and the lock.
     */
    public static LocalCloud start(LocalCloudOptions options) {
        DataDirLock lock = DataDirLock.acquire(options.dataDir());
        Server server = null;
        ServerConnector connector = null;
        FunctionExecutor executor = null;
        ExecutorService invocations = null;
        StateStore store = null;
        ScheduleRunner scheduleRunner = null;
        try {
            try {
                PrivateFiles.restrictTree(options.dataDir()); // it holds every function's code and environment variables
            } catch (IOException e) {
                throw new JavezeException(options.dataDir() + ": cannot make the local cloud's data directory private: "
                        + e.getMessage(), e);
            }
            QueuedThreadPool threads = new QueuedThreadPool(200, 4);
            threads.setName("javeze-local-cloud");
            threads.setDaemon(true);
            server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setUriCompliance(UriCompliance.UNSAFE); // SDKs send ARNs in path labels with %2F-encoded slashes
            http.setSendServerVersion(false);
            // SigV4 signs header values byte for byte; the default cache hands back "charset=utf-8" for "charset=UTF-8"
            http.setHeaderCacheCaseSensitive(true);
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
            connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
            server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
            connector.setHost(options.bindAddress());
            connector.setPort(options.port());
            server.addConnector(connector);
            try {
                connector.open();
            } catch (IOException e) {
                throw new JavezeException("local cloud: cannot listen on " + options.bindAddress() + ":" + options.port() + ": "
                        + e.getMessage() + (options.port() == LocalCloudOptions.DEFAULT_PORT
                        ? " (is another local cloud or LocalStack running? pass --port)" : ""), e);
            }
            String host = options.bindAddress().contains(":") ? "[" + options.bindAddress() + "]" : options.bindAddress();
            if (host.equals("0.0.0.0")) {
                host = "127.0.0.1";
            }
            URI endpoint = URI.create("http://" + host + ":" + connector.getLocalPort());
            store = new StateStore(options.dataDir());
            LogsStore logStore = new LogsStore(store);
            LogWriter logs = new LogWriter(logStore);
            executor = options.executorFactory() != null
                    ? options.executorFactory().apply(endpoint, logs)
                    : new ProcessFunctionExecutor(ExecutorSettings.defaults(options.dataDir().resolve("runtime"), endpoint)
                            .withIsolation(options.isolation()), logs);
            Isolation isolation = executor.isolation();
            if (isolation != null && isolation.warning() != null) {
                System.err.println(isolation.warning());
            }
            IamStore iam = new IamStore(store);
            S3Provider s3 = new S3Provider(store);
            SqsProvider sqs = new SqsProvider(store, options.region(), endpoint);
            RoleSessions sessions = new RoleSessions();
            RoleAuthorizer roles = new RoleAuthorizer(iam, sessions, arn -> arn.startsWith("arn:aws:sqs:") ? sqs.policy(arn) : null);
            LambdaProvider lambda = new LambdaProvider(store, options.region(), endpoint, options.delays(),
                    options.faults().conflictWindowMillis(), roles, s3::objectBytes, executor, sqs);
            SnsProvider sns = new SnsProvider(new SnsStore(store), new SnsDelivery(endpoint, sqs::deliver, lambda.invoker()),
                    options.region());
            ApiGatewayService apiGateway = new ApiGatewayService(store, options.region(), endpoint);
            scheduleRunner = new ScheduleRunner(roles, lambda.invoker(), options.region());
            SchedulerService scheduler = new SchedulerService(store, options.region(), scheduleRunner::changed,
                    scheduleRunner::currentTimeMillis);
            invocations = invocationExecutor();
            ApiHandler handler = new ApiHandler(List.of(new StsProvider(iam, roles), new IamProvider(iam), lambda, apiGateway, sns, sqs, s3,
                            new LogsProvider(logStore, options.region()), scheduler,
                            new DynamoDbService(store, options.region())), new FaultInjector(options.faults()),
                    store, new BrowserGuard(options.allowedOrigins(), options.bindAddress()), invocations, sessions, roles);
            if (isolation != null) {
                handler.healthDetail("isolation", isolation.describe());
            }
            server.setHandler(handler);
            try {
                server.start();
            } catch (Exception e) {
                throw new JavezeException("local cloud: cannot start: " + e.getMessage(), e);
            }
            lambda.mappings().start();
            scheduleRunner.start(scheduler);
            lock.serving(endpoint);
            LocalCloud cloud = new LocalCloud(server, endpoint, executor, lambda, logs, sqs, sns, apiGateway, handler, invocations,
                    lock, store, scheduleRunner);
            GatewayDataPlane.install(cloud);
            return cloud;
        } catch (RuntimeException | Error e) {
            if (server != null && server.isStarted()) {
                try {
                    server.stop();
                } catch (Exception ignored) {
                    // failing anyway; the connector is closed below
                }
            }
            if (connector != null) {
                closeQuietly(connector);
            }
            if (executor != null) {
                executor.close();
            }
            if (scheduleRunner != null) {
                scheduleRunner.close();
            }
            if (invocations != null) {
                invocations.shutdownNow();
            }
            if (store != null) {
                store.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Where requests that wait on a function run (the data plane, Invoke). Kept apart from the server's threads so that
     * a function publishing to SNS or sending to SQS mid-request always finds a thread to serve that call, however many
     * requests are queued for the function's instances.
     */
    private static ExecutorService invocationExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_CONCURRENT_INVOCATIONS, MAX_CONCURRENT_INVOCATIONS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "javeze-invocation-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void closeQuietly(ServerConnector connector) {
        try {
            connector.close();
        } catch (RuntimeException ignored) {
            // not started yet: nothing more to release
        }
    }

    /** How function instances are isolated from the host, or null with a test executor. */
    public Isolation isolation() {
        return executor.isolation();
    }

    /** {@code http://127.0.0.1:PORT}: pass it to {@code AwsTarget.local}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Where the HTTP API data plane records each request it answered (a log group per API). */
    public AccessLog accessLog() {
        return logs::accessLog;
    }

    /** What the HTTP API data plane reads. */
    public HttpApiRegistry httpApis() {
        return apiGateway;
    }

    /** How the data plane invokes functions on API Gateway's behalf. */
    public ServiceInvoker serviceInvoker() {
        return lambda.invoker();
    }

    /** How function URLs invoke: only with a resource policy statement granting lambda:InvokeFunctionUrl. */
    public FunctionUrlView.Invoker functionUrlInvoker() {
        return (url, payload) -> lambda.invoker().invokeThroughUrl(url.functionArn(), url.authType(), payload);
    }

    /** The function ARN (possibly qualified) behind a function URL id, or null. */
    public String functionForUrl(String urlId) {
        return lambda.functionForUrl(urlId);
    }

    /** Plugs in the data plane serving HTTP APIs and function URLs. */
    public void dataPlane(DataPlane dataPlane) {
        handler.dataPlane(dataPlane);
    }

    /** Runs the EventBridge Scheduler schedules; {@link ScheduleRunner#advance} is the test hook that runs them sooner. */
    public ScheduleRunner schedules() {
        return scheduleRunner;
    }

    public LambdaProvider lambda() {
        return lambda;
    }

    public SqsProvider sqs() {
        return sqs;
    }

    public SnsProvider sns() {
        return sns;
    }

    public ApiGatewayService apiGateway() {
        return apiGateway;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping is best effort; state is already on disk
        }
        scheduleRunner.close();
        invocations.shutdownNow();
        lambda.mappings().close();
        lambda.invoker().close();
        executor.close();
        sqs.close();
        store.close();
        lock.close(); // last: the next cloud on this directory finds everything saved
    }
}
