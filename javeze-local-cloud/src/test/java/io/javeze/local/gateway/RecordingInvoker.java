package io.javeze.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javeze.local.exec.InvocationResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A ServiceInvoker that records what API Gateway sent and answers with a canned Lambda response per function. */
final class RecordingInvoker implements ServiceInvoker {

    record Call(String functionRef, String principal, String sourceArn, JsonNode event) {}

    final List<Call> calls = new ArrayList<>();
    final Map<String, InvocationResult> answers = new HashMap<>();
    final Map<String, RuntimeException> throwing = new HashMap<>();

    RecordingInvoker answer(String functionRef, String json) {
        answers.put(functionRef, new InvocationResult(json.getBytes(StandardCharsets.UTF_8), null, "", 1));
        return this;
    }

    RecordingInvoker fail(String functionRef) {
        answers.put(functionRef, new InvocationResult(
                "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}".getBytes(StandardCharsets.UTF_8),
                "Unhandled", "", 1));
        return this;
    }

    List<Call> callsTo(String functionRef) {
        return calls.stream().filter(c -> c.functionRef().equals(functionRef)).toList();
    }

    @Override
    public synchronized InvocationResult invoke(String functionRef, String principal, String sourceArn, byte[] payload) {
        try {
            calls.add(new Call(functionRef, principal, sourceArn, new ObjectMapper().readTree(payload)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (throwing.containsKey(functionRef)) {
            throw throwing.get(functionRef);
        }
        InvocationResult answer = answers.get(functionRef);
        if (answer == null) {
            throw new FunctionNotFoundException("Function not found: " + functionRef);
        }
        return answer;
    }
}
