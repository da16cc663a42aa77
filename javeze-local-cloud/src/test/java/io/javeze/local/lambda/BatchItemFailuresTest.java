package io.javeze.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A partial batch response as Lambda reads it: what succeeds, what fails, and what fails the whole batch. */
class BatchItemFailuresTest {
    private static final Set<String> BATCH = Set.of("m1", "m2");

    private static Set<String> parse(String payload) {
        return BatchItemFailures.parse(payload == null ? null : payload.getBytes(StandardCharsets.UTF_8), BATCH);
    }

    @Test
    void noReportMeansTheWholeBatchSucceeded() {
        assertThat(parse(null)).isEmpty();
        assertThat(parse("")).isEmpty();
        assertThat(parse("null")).isEmpty();
        assertThat(parse("{}")).isEmpty();
        assertThat(parse("{\"batchItemFailures\":[]}")).isEmpty();
        assertThat(parse("{\"batchItemFailures\":null}")).isEmpty();
    }

    @Test
    void listedItemsFailAndTheRestSucceed() {
        assertThat(parse("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}")).containsExactly("m2");
    }

    @Test
    void anUnparseableOrInvalidReportFailsTheWholeBatch() {
        assertThat(parse("{\"batchItemFailures\":[{\"itemIdentifier\":")).as("not JSON").isNull();
        assertThat(parse("\"done\"")).as("not an object").isNull();
        assertThat(parse("{\"batchItemFailures\":\"m1\"}")).as("not a list").isNull();
        assertThat(parse("{\"batchItemFailures\":[{\"id\":\"m1\"}]}")).as("no itemIdentifier").isNull();
        assertThat(parse("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}")).as("an empty itemIdentifier").isNull();
        assertThat(parse("{\"batchItemFailures\":[{\"itemIdentifier\":\"m9\"}]}")).as("no message of the batch").isNull();
    }
}
