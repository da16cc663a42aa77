package io.javeze.deploy.model;

import java.util.Map;
import java.util.TreeMap;

/** The tags by which javeze recognises what a service created, so reconciliation never touches anything else. */
public final class OwnershipTags {
    public static final String SERVICE = "javeze:service";
    public static final String STAGE = "javeze:stage";
    public static final String MANAGED_BY = "javeze:managed-by";

    private OwnershipTags() {}

    /** The user's {@code [lambda] tags} plus javeze's own ownership tags (which win on a clash). */
    public static Map<String, String> of(Map<String, String> userTags, String service, String stage) {
        Map<String, String> tags = new TreeMap<>(userTags);
        tags.put(SERVICE, service);
        tags.put(STAGE, stage);
        tags.put(MANAGED_BY, "javeze");
        return tags;
    }

    /**
     * Functions are shared by every stage of the service (each stage is an alias), so they carry no stage tag.
     * A function still tagged with a stage was deployed before javeze had stages and serves that stage from $LATEST.
     */
    public static Map<String, String> shared(Map<String, String> userTags, String service) {
        Map<String, String> tags = new TreeMap<>(userTags);
        tags.put(SERVICE, service);
        tags.put(MANAGED_BY, "javeze");
        return tags;
    }

    public static boolean ownedBy(Map<String, String> tags, String service) {
        return tags != null && service.equals(tags.get(SERVICE));
    }

    public static boolean ownedBy(Map<String, String> tags, String service, String stage) {
        return ownedBy(tags, service) && stage.equals(tags.get(STAGE));
    }
}
