package io.javeze.local.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javeze.local.http.AwsCall;

/**
 * A service's operations, written against its AWS model: the {@link WireProtocol} of the service has already parsed
 * the request into the operation's input shape and will write the returned output shape in the protocol's format.
 * The house reads protocol → provider → store → engine.
 */
public interface Provider {
    /** The SigV4 signing name, which also names the service's model. */
    String signingName();

    /**
     * Runs one operation.
     *
     * @param input   the operation's input: members by name, typed as the model says (numbers, booleans, timestamps
     *                as epoch seconds, blobs as {@link com.fasterxml.jackson.databind.node.BinaryNode})
     * @param context who called, in which region, with which request id
     * @return the operation's output shape, or null for an empty one
     */
    ObjectNode call(ServiceModel.Operation operation, ObjectNode input, AwsCall context);
}
