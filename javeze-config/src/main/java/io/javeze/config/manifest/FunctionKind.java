package io.javeze.config.manifest;

public enum FunctionKind {
    /** An {@code @Route}: API Gateway HTTP API payload format 2.0 in, 2.0 response out. */
    ROUTE,
    /** An {@code @Auth}: HTTP API Lambda REQUEST authorizer with simple responses. */
    AUTH,
    /** A {@code @Subscriber}: SQS batches whose bodies are SNS notifications, partial batch failures. */
    SUBSCRIBER,
    /** A {@code @Schedule}: invoked by an EventBridge Scheduler schedule with {@code ScheduleSpec#INPUT}. */
    SCHEDULE
}
