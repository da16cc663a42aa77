package io.javeze.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javeze.config.JavezeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyValuesTest {
    @TempDir
    Path dir;

    @Test
    void envFileSkipsCommentsAndBlankLinesAndUnquotes() throws Exception {
        Path file = Files.writeString(dir.resolve(".env"), "# settings\n\nGREETING=hi there\nexport MODE=\"fast\"\nURL=http://x/?a=b\n");
        assertThat(KeyValues.file(file, "--env-file"))
                .containsExactly(java.util.Map.entry("GREETING", "hi there"), java.util.Map.entry("MODE", "fast"),
                        java.util.Map.entry("URL", "http://x/?a=b"));
    }

    @Test
    void malformedEnvFileLineIsReportedWithItsNumber() throws Exception {
        Path file = Files.writeString(dir.resolve(".env"), "A=1\n# ok\njust words\n");
        assertThatThrownBy(() -> KeyValues.file(file, "--env-file"))
                .isInstanceOf(JavezeException.class).hasMessage(file + ":3: expected KEY=VALUE, got \"just words\"");
    }

    @Test
    void repeatedFormKeepsCommasInValuesAndCommaFormSplitsOnThem() {
        assertThat(KeyValues.repeated(List.of("LIST=a,b", "X=1"), "--env-var")).containsEntry("LIST", "a,b").containsEntry("X", "1");
        assertThat(KeyValues.commaSeparated("A=1,B=2", "--env-vars")).containsEntry("A", "1").containsEntry("B", "2");
        assertThatThrownBy(() -> KeyValues.commaSeparated("A=1,B", "--tags")).hasMessage("--tags: expected KEY=VALUE, got \"B\"");
        assertThatThrownBy(() -> KeyValues.repeated(List.of("A=1", "A=2"), "--tag")).hasMessage("--tag: \"A\" is given twice");
    }
}
