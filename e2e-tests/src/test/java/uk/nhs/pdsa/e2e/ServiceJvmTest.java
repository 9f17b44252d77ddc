package uk.nhs.pdsa.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a service's run records its ahead-of-time cache, when a run uses it, and when neither (ServiceJvm). */
class ServiceJvmTest {
    @TempDir
    Path folder;

    @Test
    void shouldRecordOnceThenUseTheCacheOnlyAfterTheRecordingRunStoppedGracefully() throws Exception {
        Path jar = jar();
        Path caches = folder.resolve("aot");

        ServiceJvm.Launch first = ServiceJvm.launch("svc-a", jar, caches);
        assertThat(first.recording()).isTrue();
        assertThat(first.options()).contains("-XX:TieredStopAtLevel=1",
                "-XX:AOTCacheOutput=" + caches.resolve("svc-a.recording.aot"));
        // While the first run records, a second instance starts with neither the cache nor a recording of its own.
        ServiceJvm.Launch beside = ServiceJvm.launch("svc-a", jar, caches);
        assertThat(beside.recording()).isFalse();
        assertThat(beside.options()).noneMatch(o -> o.startsWith("-XX:AOTCache"));

        Files.writeString(caches.resolve("svc-a.recording.aot"), "the cache the JVM wrote as it exited");
        first.exited(true);
        assertThat(caches.resolve("svc-a.aot")).hasContent("the cache the JVM wrote as it exited");
        assertThat(caches.resolve("svc-a.recording.aot")).doesNotExist();
        ServiceJvm.Launch next = ServiceJvm.launch("svc-a", jar, caches);
        assertThat(next.recording()).isFalse();
        assertThat(next.options()).contains("-XX:AOTCache=" + caches.resolve("svc-a.aot"));
    }

    @Test
    void shouldLeaveNoCacheFromAKilledRunAndRecordAgainNextTime() throws Exception {
        Path jar = jar();
        Path caches = folder.resolve("aot");
        ServiceJvm.Launch killed = ServiceJvm.launch("svc-b", jar, caches);
        Files.writeString(caches.resolve("svc-b.recording.aot"), "half a cache");
        killed.exited(false);
        assertThat(caches.resolve("svc-b.aot")).doesNotExist();
        assertThat(caches.resolve("svc-b.recording.aot")).doesNotExist();

        ServiceJvm.Launch again = ServiceJvm.launch("svc-b", jar, caches);
        assertThat(again.recording()).isTrue();
        // A second report of the killed run's exit does not touch the new recording.
        Files.writeString(caches.resolve("svc-b.recording.aot"), "the new run's recording");
        killed.exited(false);
        assertThat(caches.resolve("svc-b.recording.aot")).hasContent("the new run's recording");
    }

    @Test
    void shouldRecordAgainWhenTheJarIsNewerThanTheCache() throws Exception {
        Path jar = jar();
        Path caches = Files.createDirectories(folder.resolve("aot"));
        Path cache = Files.writeString(caches.resolve("svc-c.aot"), "a cache of the last build");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().minusSeconds(120)));
        assertThat(ServiceJvm.launch("svc-c", jar, caches).recording()).isTrue();
    }

    @Test
    void shouldRunWithoutCachesWhereTheJvmMakesNone() throws Exception {
        ServiceJvm.Launch plain = ServiceJvm.launch("svc-d", jar(), null);
        assertThat(plain.recording()).isFalse();
        assertThat(plain.options()).containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        plain.exited(true);
    }

    /** A jar built a minute ago. */
    private Path jar() throws Exception {
        Path jar = Files.writeString(folder.resolve("quarkus-run.jar"), "a jar");
        return Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    }
}
