package io.nrivertx.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class JavaVersionGuardTest {
  @Test
  void readsOldAndNewVersionStrings() {
    assertEquals(8, JavaVersionGuard.major("1.8"));
    assertEquals(17, JavaVersionGuard.major("17"));
    assertEquals(25, JavaVersionGuard.major("25"));
    assertEquals(26, JavaVersionGuard.major("26-ea"));
    assertEquals(0, JavaVersionGuard.major("banana"));
    assertEquals(0, JavaVersionGuard.major(null));
  }

  @Test
  void anOldJavaGetsOneLineNamingBothVersionsAndJavaHome() {
    String line = JavaVersionGuard.problem("17", "/usr/lib/jvm/java-17");
    assertTrue(line.contains("needs Java 25 or newer"), line);
    assertTrue(line.contains("Java 17 (/usr/lib/jvm/java-17)"), line);
    assertTrue(line.contains("JAVA_HOME"), line);
    assertEquals(-1, line.indexOf('\n'), "one line");
    assertNull(JavaVersionGuard.problem("25", "/jdk"));
    assertNull(JavaVersionGuard.problem("26", "/jdk"));
  }

  /** The point of the class: an old JVM must be able to load it (class file 52 is Java 8). */
  @Test
  void isCompiledForJava8() throws Exception {
    try (InputStream in = JavaVersionGuard.class.getResourceAsStream("JavaVersionGuard.class");
         DataInputStream data = new DataInputStream(in)) {
      assertEquals(0xCAFEBABE, data.readInt());
      data.readUnsignedShort(); // minor
      assertEquals(52, data.readUnsignedShort());
    }
  }
}
