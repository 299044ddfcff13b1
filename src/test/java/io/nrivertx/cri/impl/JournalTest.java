package io.nrivertx.cri.impl;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.cri.CriStateException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The journal's framing against every way a crash or a bad disk can leave the file. */
class JournalTest {
  private static final List<byte[]> RECORDS = List.of(bytes("first record"), bytes("second"), bytes("third and last"));
  private static final byte[] CLEAN = array(JournalCodec.encode(RECORDS));
  private static final int SECOND = JournalCodec.HEADER + RECORDS.get(0).length;
  private static final int THIRD = SECOND + JournalCodec.HEADER + RECORDS.get(1).length;

  static Stream<Arguments> damage() {
    return Stream.of(
        Arguments.of("clean", (UnaryOperator<byte[]>) b -> b, JournalCodec.End.CLEAN, 3, CLEAN.length),
        Arguments.of("empty", (UnaryOperator<byte[]>) b -> new byte[0], JournalCodec.End.CLEAN, 0, 0),
        Arguments.of("header cut", cut(THIRD + 5), JournalCodec.End.TORN, 2, THIRD),
        Arguments.of("payload cut", cut(CLEAN.length - 3), JournalCodec.End.TORN, 2, THIRD),
        Arguments.of("last payload flipped", flip(CLEAN.length - 1), JournalCodec.End.TORN, 2, THIRD),
        Arguments.of("zeros after the end", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length + 4096),
            JournalCodec.End.TORN, 3, CLEAN.length),
        Arguments.of("middle payload flipped", flip(SECOND + JournalCodec.HEADER + 1), JournalCodec.End.CORRUPT, 1, SECOND),
        Arguments.of("middle length flipped", flip(SECOND + 3), JournalCodec.End.CORRUPT, 1, SECOND),
        Arguments.of("first header garbage", flip(0), JournalCodec.End.CORRUPT, 0, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damage")
  void scanStopsAtTheDamageAndSaysWhetherItIsATornTail(String name, UnaryOperator<byte[]> damage,
                                                        JournalCodec.End end, int intact, long validEnd) {
    JournalCodec.Scan scan = JournalCodec.scan(ByteBuffer.wrap(damage.apply(CLEAN.clone())));
    assertEquals(end, scan.end(), scan.detail());
    assertEquals(intact, scan.records().size());
    assertEquals(validEnd, scan.validEnd());
    for (int i = 0; i < intact; i++) {
      assertArrayEquals(RECORDS.get(i), scan.records().get(i));
    }
  }

  @Test
  void tornTailIsReportedSavedAsideAndCutThenAppendsContinue(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("journal"), Arrays.copyOf(CLEAN, CLEAN.length - 3));
    JournalFile.Opened opened = JournalFile.open(dir, true);
    try (JournalFile journal = opened.journal()) {
      assertEquals(2, opened.records().size());
      assertEquals(THIRD, opened.tornOffset());
      assertEquals(CLEAN.length - 3 - THIRD, opened.tornBytes());
      assertArrayEquals(Arrays.copyOfRange(CLEAN, THIRD, CLEAN.length - 3), Files.readAllBytes(opened.tornCopy()));
      journal.append(List.of(bytes("after restart")));
    }
    JournalFile.Opened again = JournalFile.open(dir, true);
    try (JournalFile ignored = again.journal()) {
      assertEquals(-1, again.tornOffset());
      assertEquals(List.of("first record", "second", "after restart"), again.records().stream()
          .map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    }
  }

  @Test
  void damageWithRecordsAfterItRefusesToOpenAndNamesFileAndOffset(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("journal");
    Files.write(file, flip(SECOND + JournalCodec.HEADER + 1).apply(CLEAN.clone()));
    CriStateException e = assertThrows(CriStateException.class, () -> JournalFile.open(dir, true));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("offset " + SECOND), e.getMessage());
    assertEquals(CLEAN.length, Files.size(file), "nothing is cut from a journal that cannot be trusted");
    JournalFile.open(dir.resolve("other"), true).journal().close(); // the lock was released: the dir is usable
    assertThrows(CriStateException.class, () -> JournalFile.open(dir, true), "still damaged, still refused");
  }

  @Test
  void compactionKeepsOnlyTheSnapshot(@TempDir Path dir) throws Exception {
    try (JournalFile journal = JournalFile.open(dir, false).journal()) {
      journal.append(RECORDS);
      journal.rewrite(List.of(bytes("snapshot")));
      journal.append(List.of(bytes("later")));
    }
    JournalFile.Opened opened = JournalFile.open(dir, false);
    try (JournalFile ignored = opened.journal()) {
      assertEquals(List.of("snapshot", "later"), opened.records().stream()
          .map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    }
  }

  @Test
  void secondInstanceOnTheSameDirectoryIsRefused(@TempDir Path dir) {
    try (JournalFile ignored = JournalFile.open(dir, false).journal()) {
      CriStateException e = assertThrows(CriStateException.class, () -> JournalFile.open(dir, false));
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
  }

  private static UnaryOperator<byte[]> cut(int length) {
    return b -> Arrays.copyOf(b, length);
  }

  private static UnaryOperator<byte[]> flip(int at) {
    return b -> {
      b[at] ^= (byte) 0x5a;
      return b;
    };
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] array(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
