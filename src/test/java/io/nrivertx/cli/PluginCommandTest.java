package io.nrivertx.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nri-vertx plugin}: the samples' pass-through and {@code plugin install}. */
class PluginCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private int install(String... extra) throws Exception {
    Path jar = dir.resolve("nri-vertx.jar");
    if (!Files.exists(jar)) {
      Files.writeString(jar, "not really a jar");
    }
    String[] base = {"plugin", "install", "--plugin-path", dir.resolve("plugins").toString(), "--bin-dir",
        dir.resolve("bin").toString(), "--jar", jar.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return run(args);
  }

  @Test
  void helpListsEverySampleAndInstall() {
    assertEquals(0, run("plugin", "--help"));
    for (String name : new String[] {"logger", "template", "device-injector", "ulimit-adjuster", "v010-adapter",
        "install"}) {
      assertTrue(out.toString().contains("  " + name + " "), name + " missing in\n" + out);
    }
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("plugin"), out.toString());
  }

  @Test
  void flagsReachThePluginUntouched() {
    assertEquals(2, run("plugin"), "a plugin name is needed");
    assertTrue(err.toString().contains("Missing plugin: logger, template, device-injector, ulimit-adjuster, "
        + "v010-adapter or install"), err.toString());
    assertEquals(0, run("plugin", "logger", "-h"), "the logger's own Go-style usage, exit 0");
    assertEquals(2, run("plugin", "device-injector", "-no-such-flag"), "the plugin's own flag error");
    assertEquals(2, run("plugin", "v010-adapter", "-idx", "00", "-timeout", "soon"), "bad -timeout");
    assertEquals(2, run("plugin", "nosuch"));
  }

  @Test
  void installWritesALauncherWithoutIndexAndTheSeedStyleLink() throws Exception {
    assertEquals(0, install("logger", "--idx", "10", "--", "-events", "pod", "-log-file", "/var/log/it's.log"),
        err.toString());
    Path script = dir.resolve("bin/nri-vertx-logger");
    Path link = dir.resolve("plugins/10-logger");
    assertEquals(script, Files.readSymbolicLink(link));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(script)));
    String text = Files.readString(script);
    assertTrue(text.startsWith("#!/bin/sh\n"), text);
    assertTrue(text.contains("java='" + Path.of(System.getProperty("java.home"), "bin", "java") + "'\n"), text);
    assertTrue(text.contains("\nexec \"$java\" '-XX:+UseSerialGC' -jar \"$jar\" plugin 'logger' '-events' 'pod' "
        + "'-log-file' '/var/log/it'\\''s.log' \"$@\"\n"), text);
    assertFalse(text.contains("'-idx'"), "a launched plugin's index comes from NRI_PLUGIN_IDX");
    assertTrue(out.toString().contains("linked " + link + " -> " + script), out.toString());
  }

  @Test
  void theLauncherRunsTheJarsPluginWithItsArguments() throws Exception {
    Path fakeJava = Files.writeString(dir.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$0.args\"\n");
    fakeJava.toFile().setExecutable(true);
    assertEquals(0, install("template", "--idx", "05", "--java", fakeJava.toString(), "--jvm-arg", "-Xmx64m"),
        err.toString());
    Process p = new ProcessBuilder(dir.resolve("plugins/05-template").toString(), "-name", "x y").start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertEquals("-Xmx64m\n-jar\n" + dir.resolve("nri-vertx.jar") + "\nplugin\ntemplate\n-name\nx y\n",
        Files.readString(dir.resolve("java.args")));
  }

  @Test
  void installRefusesWhatCannotWork() throws Exception {
    assertEquals(2, install("nosuch", "--idx", "10"));
    assertTrue(err.toString().contains("unknown plugin \"nosuch\""), err.toString());
    assertEquals(2, install("logger", "--idx", "1"));
    assertTrue(err.toString().contains("invalid plugin index \"1\", must be 2 digits (--idx)"), err.toString());
    assertEquals(2, install("logger", "--idx", "10", "--", "-idx", "20"));
    assertTrue(err.toString().contains("-idx among the plugin's flags"), err.toString());
    assertEquals(2, install("logger"), "--idx is required");
    assertEquals(0, install("logger", "--idx", "10"));
    assertEquals(2, install("logger", "--idx", "10"));
    assertTrue(err.toString().contains("exists; remove it or use --force"), err.toString());
    assertEquals(0, install("logger", "--idx", "10", "--force"));
  }
}
