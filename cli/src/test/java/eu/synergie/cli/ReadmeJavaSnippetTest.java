package eu.synergie.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's Java client example compiles against the client as it is (documentation snippets are tests). */
class ReadmeJavaSnippetTest {

    private static final Path README = Path.of(System.getProperty("synergie.repository", "..")).resolve("README.md");

    @TempDir
    Path folder;

    @Test
    void javaSnippetWhenCompiledAgainstTheClientThenNoErrors() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n## For agencies\n");
        assertThat(start).isPositive();
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start));
        assertThat(block.find()).as("a java block in \"For agencies\"").isTrue();
        Path source = folder.resolve("Snippet.java");
        Files.writeString(source, """
                import eu.synergie.client.*;
                import eu.synergie.crypto.pki.*;
                import java.net.URI;
                import java.nio.file.*;

                class Snippet {
                    static void run(char[] keyStorePassword, URI server, URI tokenUrl, String clientSecret, byte[] noticeJson)
                            throws Exception {
                %s
                    }
                }
                """.formatted(block.group(1)));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            boolean compiled = compiler.getTask(null, files, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", folder.toString()), null,
                    files.getJavaFileObjects(source)).call();
            assertThat(compiled).as(diagnostics.getDiagnostics().toString()).isTrue();
        }
    }
}
