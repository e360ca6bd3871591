package org.stepcalls.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile builds with the project's Java (17) and runs the jar on a newer one, whose JIT
 * serves a quarter more pages per CPU second (BENCHMARKS.md, round fifteen); the packaged-app tests
 * and the load benchmark start the jar on that version too, where one is installed.
 */
class RuntimeImageTest {

    @Test
    void imageBuildsWithTheProjectsJavaAndRunsOnTwentyFive() throws Exception {
        List<String> froms = Files.readAllLines(DeploymentFiles.dockerDir().resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("FROM ")).toList();
        assertThat(froms).containsExactly("FROM eclipse-temurin:17-jdk AS build", "FROM eclipse-temurin:25-jre");
        assertThat(DeploymentFiles.runtimeImage().javaVersion()).isEqualTo(25);
    }

    @Test
    void packagedAppStartsOnTheImagesJavaWhereOneIsInstalled() throws Exception {
        DeploymentFiles.RuntimeImage image = DeploymentFiles.runtimeImage();
        assumeTrue(Runtime.version().feature() == image.javaVersion() || DeploymentFiles.installedJava(image.javaVersion()).isPresent(),
                "no JDK " + image.javaVersion() + " under /usr/lib/jvm: the packaged app runs on the test's own Java");
        Path java = image.java();
        Process version = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
        String said = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor()).isZero();
        assertThat(said).as(java.toString()).containsPattern("version \"" + image.javaVersion() + "[.\"]");
    }

    @Test
    void imagesJavaOptionsAreAcceptedByTheImagesJava() throws Exception {
        DeploymentFiles.RuntimeImage image = DeploymentFiles.runtimeImage();
        List<String> command = new java.util.ArrayList<>(List.of(image.java().toString()));
        command.addAll(image.javaOptions());
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor()).as(said).isZero();
        assertThat(said).doesNotContainIgnoringCase("warning").doesNotContain("Unrecognized");
    }
}
