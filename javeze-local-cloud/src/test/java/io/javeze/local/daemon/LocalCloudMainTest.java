package io.javeze.local.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import org.junit.jupiter.api.Test;

class LocalCloudMainTest {
    @Test
    void allowedOriginsArePassedToTheDaemonAndCheckedForShape() {
        assertThat(LocalCloudMain.parse(new String[] {"--allow-origin", "http://localhost:3000", "--allow-origin",
                "https://app.localhost"}).allowedOrigins()).containsExactly("http://localhost:3000", "https://app.localhost");
        assertThat(LocalCloudMain.parse(new String[0]).allowedOrigins()).isEmpty();
        assertThatThrownBy(() -> LocalCloudMain.parse(new String[] {"--allow-origin", "*"}))
                .isInstanceOf(JavezeException.class).hasMessageContaining("--allow-origin wants scheme://host[:port]");
    }
}
