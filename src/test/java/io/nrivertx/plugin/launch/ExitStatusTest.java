package io.nrivertx.plugin.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExitStatusTest {
  @Test
  void decodesWaitStatusLikeTheWMacros() {
    assertFalse(new ExitStatus(0).failed());
    assertEquals("exit status 0", new ExitStatus(0).toString());
    assertEquals(2, new ExitStatus(2 << 8).code());
    assertTrue(new ExitStatus(2 << 8).failed());
    assertEquals(9, new ExitStatus(9).signal());
    assertEquals("killed by signal 9 (SIGKILL)", new ExitStatus(9).toString());
    assertEquals("killed by signal 11 (SIGSEGV)", new ExitStatus(11 | 0x80).toString()); // core dumped
  }
}
