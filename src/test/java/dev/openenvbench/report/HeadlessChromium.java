package dev.openenvbench.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code chromium} headless and returns the DOM after the page's scripts ran. */
final class HeadlessChromium {
  private HeadlessChromium() {}

  static String binary() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return fail(
        "chromium is not installed: run 'apt-get install chromium' (Debian's package; .ci/run does)");
  }

  static String dumpDom(String url, Path profileDir) throws IOException, InterruptedException {
    Path stderr = profileDir.resolve("chromium-stderr.log");
    Process p =
        new ProcessBuilder(
                binary(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-extensions",
                "--user-data-dir=" + profileDir.resolve("profile"),
                "--dump-dom",
                url)
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    byte[] dom;
    try (var in = p.getInputStream()) {
      dom = in.readAllBytes();
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s");
    }
    if (p.exitValue() != 0) {
      fail("chromium exited " + p.exitValue() + ": " + Files.readString(stderr));
    }
    return new String(dom, StandardCharsets.UTF_8);
  }
}
