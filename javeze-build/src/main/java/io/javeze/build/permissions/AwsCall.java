package io.javeze.build.permissions;

/**
 * One AWS SDK v2 client call in a function's reachable code and the IAM action it needs.
 *
 * @param action  {@code service:Action}, e.g. {@code dynamodb:GetItem}
 * @param site    where the call is, as a stack frame reads: {@code com.example.Orders.get(Orders.java:42)}
 */
public record AwsCall(String action, String site) implements Comparable<AwsCall> {

    /** The IAM service prefix, e.g. {@code dynamodb}. */
    public String service() {
        return action.substring(0, action.indexOf(':'));
    }

    @Override
    public int compareTo(AwsCall o) {
        int c = action.compareTo(o.action);
        return c != 0 ? c : site.compareTo(o.site);
    }
}
