package org.stepcalls.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile builds with the project's Java and runs the jar on Java 25, which serves the same
 * pages for less CPU (BENCHMARKS.md, round fifteen); the packaged-app tests and the load benchmark
 * start the jar on that version too, where one is installed.
 */
class RuntimeImageTest {

    private static final Pattern BUILD_STAGE = Pattern.compile("(?m)^FROM\\s+eclipse-temurin:(\\d+)-jdk\\s+AS\\s+build$");
    private static final Pattern RELEASE = Pattern.compile("<maven\\.compiler\\.release>(\\d+)</maven\\.compiler\\.release>");

    @Test
    void imageBuildsWithTheProjectsJavaAndRunsOnTwentyFive() throws Exception {
        Matcher build = BUILD_STAGE.matcher(Files.readString(DeploymentFiles.dockerDir().resolve("Dockerfile")));
        Matcher release = RELEASE.matcher(Files.readString(Path.of("pom.xml")));
        assertThat(build.find()).as("the Dockerfile's build stage").isTrue();
        assertThat(release.find()).as("pom.xml's maven.compiler.release").isTrue();
        assertThat(build.group(1)).as("the image builds with the Java the code is written for").isEqualTo(release.group(1));
        assertThat(DeploymentFiles.runtimeImage().javaVersion()).as("the Java the figures were measured on").isEqualTo(25);
    }

    @Test
    void packagedAppStartsOnTheImagesJavaWhereOneIsInstalled() throws Exception {
        DeploymentFiles.RuntimeImage image = DeploymentFiles.runtimeImage();
        assumeTrue(System.getenv("APP_JAVA") == null, "APP_JAVA chooses the packaged app's Java here");
        assumeTrue(Runtime.version().feature() == image.javaVersion() || DeploymentFiles.installedJava(image.javaVersion()).isPresent(),
                "no JDK " + image.javaVersion() + " under /usr/lib/jvm: the packaged app runs on the test's own Java");
        assertThat(run(image.java(), List.of("-version"))).as(image.java().toString())
                .containsPattern("version \"" + image.javaVersion() + "[.\"]");
    }

    /** The image's options on its own Java and on the test's (the jar runs on any from 17). */
    @Test
    void imagesJavaOptionsAreAcceptedByEitherJava() throws Exception {
        DeploymentFiles.RuntimeImage image = DeploymentFiles.runtimeImage();
        List<String> options = new ArrayList<>(image.javaOptions());
        options.add("-version");
        for (Path java : List.of(image.java(), Path.of(System.getProperty("java.home"), "bin", "java"))) {
            assertThat(run(java, options)).as(java.toString()).doesNotContainIgnoringCase("warning").doesNotContain("Unrecognized");
        }
    }

    private static String run(Path java, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(command + ": " + said).isZero();
        return said;
    }
}
