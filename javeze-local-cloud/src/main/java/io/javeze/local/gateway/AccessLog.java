package io.javeze.local.gateway;

/** Hears about every HTTP API request once it is answered: what {@code javeze dev} streams as request lines. */
@FunctionalInterface
public interface AccessLog {
    AccessLog NONE = entry -> {};

    /**
     * @param integrationUri the Lambda function (ARN, possibly qualified) the route invoked, or null when no route
     *                       matched or the request was refused before an integration was chosen
     */
    record Entry(String apiId, String stage, String requestId, long timeEpochMillis, String method, String path, int status,
                 long durationMillis, String integrationUri) {}

    void served(Entry entry);
}
