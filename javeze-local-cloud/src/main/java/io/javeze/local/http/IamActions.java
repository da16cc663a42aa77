package io.javeze.local.http;

import java.util.List;

/**
 * Implemented by a service that says which IAM actions, on which resources, a call needs: what a policy must allow
 * for it (for example {@code dynamodb:GetItem} on {@code arn:aws:dynamodb:us-east-1:000000000000:table/orders}).
 */
public interface IamActions {

    /** One action on one resource ARN ({@code *} for actions with no resource, such as ListTables). */
    record ActionOnResource(String action, String resource) {}

    /** Every action a call needs, one per resource it touches (a batch call names each table). */
    List<ActionOnResource> iamActions(AwsCall call);
}
