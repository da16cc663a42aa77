package io.javeze.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.javeze.local.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The AWS managed policies a role may attach, as far as the local cloud knows their documents
 * ({@code aws-managed-policies.json}: the Lambda execution policies and the common full/read-only ones). Any other
 * attached policy grants nothing locally, with one warning naming it: the local cloud has no customer managed policies.
 */
final class ManagedPolicies {
    private static final Logger LOG = Logger.getLogger(ManagedPolicies.class.getName());
    private static final JsonNode DOCUMENTS = load();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private ManagedPolicies() {}

    static Optional<JsonNode> document(String policyArn) {
        String[] parts = policyArn.split(":", 6);
        JsonNode doc = parts.length == 6 && parts[4].equals("aws") && parts[5].startsWith("policy/")
                ? DOCUMENTS.get(policyArn.substring(policyArn.lastIndexOf('/') + 1)) : null;
        if (doc == null || !doc.isObject()) {
            if (WARNED.add(policyArn)) {
                LOG.warning("local cloud: the attached policy " + policyArn + " is unknown here and grants nothing; "
                        + "put its statements in an inline role policy to use them locally");
            }
            return Optional.empty();
        }
        return Optional.of(doc);
    }

    private static JsonNode load() {
        try (InputStream in = ManagedPolicies.class.getResourceAsStream("aws-managed-policies.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
