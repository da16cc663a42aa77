package io.javeze.local.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelResourcesTest {
    @Test
    void theCommittedModelsAreWhatTheGeneratorMakesFromAwsModels() throws Exception {
        Path module = Path.of("");
        Path shared = ModelResources.sharedModels(module);
        assumeTrue(Files.isDirectory(shared), "AWS's models are not beside the checkout");
        for (var e : ModelResources.SERVICES.entrySet()) {
            assertArrayEquals(ModelResources.generate(shared, e.getValue()),
                    Files.readAllBytes(ModelResources.resources(module).resolve(e.getKey() + ".json")),
                    e.getKey() + ".json is stale: run ModelResources.main");
        }
    }
}
