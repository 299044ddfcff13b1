package io.nrivertx.cri.impl.journal;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.cri.CriStateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The journal's framing and files against every way a crash or a bad disk can leave them. */
class JournalTest {
  private static final List<byte[]> RECORDS = List.of(bytes("first record"), bytes("second"), bytes("third and last"));
  private static final byte[] CLEAN = array(JournalCodec.encode(RECORDS));
  private static final int SECOND = JournalCodec.HEADER + RECORDS.get(0).length;
  private static final int THIRD = SECOND + JournalCodec.HEADER + RECORDS.get(1).length;

  static Stream<Arguments> damage() {
    List<Arguments> cases = new ArrayList<>();
    for (int buffer : new int[] {JournalCodec.HEADER, 17, JournalReader.BUFFER}) {
      cases.addAll(List.of(
          Arguments.of("clean", buffer, (UnaryOperator<byte[]>) b -> b, JournalCodec.End.CLEAN, 3, CLEAN.length),
          Arguments.of("empty", buffer, (UnaryOperator<byte[]>) b -> new byte[0], JournalCodec.End.CLEAN, 0, 0),
          Arguments.of("header cut", buffer, cut(THIRD + 5), JournalCodec.End.TORN, 2, THIRD),
          Arguments.of("payload cut", buffer, cut(CLEAN.length - 3), JournalCodec.End.TORN, 2, THIRD),
          Arguments.of("last payload flipped", buffer, flip(CLEAN.length - 1), JournalCodec.End.TORN, 2, THIRD),
          Arguments.of("zeros after the end", buffer, (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length + 300_000),
              JournalCodec.End.TORN, 3, CLEAN.length),
          Arguments.of("zeros then garbage", buffer, (UnaryOperator<byte[]>) b -> {
            byte[] out = Arrays.copyOf(b, b.length + 300_000);
            out[out.length - 1] = 1;
            return out;
          }, JournalCodec.End.CORRUPT, 3, CLEAN.length),
          Arguments.of("middle payload flipped", buffer, flip(SECOND + JournalCodec.HEADER + 1),
              JournalCodec.End.CORRUPT, 1, SECOND),
          Arguments.of("middle length flipped", buffer, flip(SECOND + 3), JournalCodec.End.CORRUPT, 1, SECOND),
          Arguments.of("first header garbage", buffer, flip(0), JournalCodec.End.CORRUPT, 0, 0)));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, buffer {1}")
  @MethodSource("damage")
  void scanStopsAtTheDamageAndSaysWhetherItIsATornTail(String name, int buffer, UnaryOperator<byte[]> damage,
                                                        JournalCodec.End end, int intact, long validEnd,
                                                        @TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("f"), damage.apply(CLEAN.clone()));
    List<String> seen = new ArrayList<>();
    JournalReader.Scan scan;
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      scan = JournalReader.scan(in, b -> seen.add(text(b)), buffer);
    }
    assertEquals(end, scan.end(), scan.detail());
    assertEquals(intact, scan.records());
    assertEquals(validEnd, scan.validEnd());
    assertEquals(RECORDS.subList(0, intact).stream().map(JournalTest::text).toList(), seen);
  }

  @Test
  void recordsLargerThanTheReadBufferAreReadWhole(@TempDir Path dir) throws IOException {
    byte[] big = new byte[3 * JournalReader.BUFFER + 5];
    Arrays.fill(big, (byte) 7);
    Path file = Files.write(dir.resolve("f"), array(JournalCodec.encode(List.of(bytes("a"), big, bytes("b")))));
    List<Integer> sizes = new ArrayList<>();
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      assertEquals(JournalCodec.End.CLEAN, JournalReader.scan(in, b -> sizes.add(b.remaining())).end());
    }
    assertEquals(List.of(1, big.length, 1), sizes);
  }

  @Test
  void tornTailIsReportedSavedAsideAndCutThenAppendsContinue(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("journal.1"), Arrays.copyOf(CLEAN, CLEAN.length - 3));
    List<String> seen = new ArrayList<>();
    Journal.Opened opened = Journal.open(dir, true, JournalFs.posix(), b -> seen.add(text(b)));
    try (Journal journal = opened.journal()) {
      assertEquals(2, opened.records());
      assertEquals(dir.resolve("journal.1"), opened.tornFile());
      assertEquals(THIRD, opened.tornOffset());
      assertEquals(CLEAN.length - 3 - THIRD, opened.tornBytes());
      assertEquals(dir.resolve("journal.1.torn-" + THIRD), opened.tornCopy());
      assertArrayEquals(Arrays.copyOfRange(CLEAN, THIRD, CLEAN.length - 3), Files.readAllBytes(opened.tornCopy()));
      journal.append(List.of(bytes("after restart")));
    }
    assertEquals(List.of("first record", "second", "after restart"), reopen(dir, seen));
  }

  @Test
  void theSingleJournalOfEarlierVersionsIsAdopted(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("journal"), Arrays.copyOf(CLEAN, CLEAN.length - 3));
    Files.write(dir.resolve("journal.compact"), CLEAN); // its unfinished compaction
    List<String> seen = new ArrayList<>();
    Journal.Opened opened = Journal.open(dir, true, JournalFs.posix(), b -> seen.add(text(b)));
    opened.journal().close();
    assertEquals(List.of("first record", "second"), seen);
    assertEquals(THIRD, opened.tornOffset());
    assertFalse(Files.exists(dir.resolve("journal")));
    assertFalse(Files.exists(dir.resolve("journal.compact")));
    assertEquals(THIRD, Files.size(dir.resolve("journal.1")));
  }

  @Test
  void damageWithRecordsAfterItRefusesToOpenAndNamesFileAndOffset(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("journal.1");
    Files.write(file, flip(SECOND + JournalCodec.HEADER + 1).apply(CLEAN.clone()));
    CriStateException e = assertThrows(CriStateException.class, () -> open(dir));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("offset " + SECOND), e.getMessage());
    assertTrue(e.getMessage().contains("truncate this file to " + SECOND + " bytes"), e.getMessage());
    assertEquals(CLEAN.length, Files.size(file), "nothing is cut from a journal that cannot be trusted");
    open(dir.resolve("other")).journal().close(); // the lock was released: the dir is usable
    assertThrows(CriStateException.class, () -> open(dir), "still damaged, still refused");
  }

  @Test
  void aTornSnapshotOrAnOlderTornTailIsDamageNotACrash(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("snapshot.2"), Arrays.copyOf(CLEAN, CLEAN.length - 3));
    Files.write(dir.resolve("journal.2"), CLEAN);
    CriStateException e = assertThrows(CriStateException.class, () -> open(dir));
    assertTrue(e.getMessage().contains("snapshot.2") && e.getMessage().contains("offset " + THIRD), e.getMessage());
    Files.delete(dir.resolve("snapshot.2"));
    Files.write(dir.resolve("journal.1"), Arrays.copyOf(CLEAN, CLEAN.length - 3));
    e = assertThrows(CriStateException.class, () -> open(dir));
    assertTrue(e.getMessage().contains("journal.1") && e.getMessage().contains("continues in"), e.getMessage());
  }

  @Test
  void compactionReplacesOlderGenerationsBySnapshotPlusTail(@TempDir Path dir) throws Exception {
    try (Journal journal = open(dir).journal()) {
      journal.append(RECORDS);
      assertEquals(2, journal.rotate());
      journal.append(List.of(bytes("during the snapshot")));
      journal.writeSnapshot(2, List.of(bytes("snapshot")).iterator());
      journal.dropBefore(2);
      journal.append(List.of(bytes("later")));
      assertEquals(dir.resolve("journal.2"), journal.tailPath());
    }
    assertEquals(List.of("snapshot", "during the snapshot", "later"), reopen(dir, new ArrayList<>()));
    assertEquals(List.of("journal.2", "lock", "snapshot.2"), names(dir));
  }

  @Test
  void everyCompactionStateAfterACrashReplaysTheSameState(@TempDir Path dir) throws Exception {
    try (Journal journal = open(dir).journal()) {
      journal.append(RECORDS);
      journal.rotate();
      journal.append(List.of(bytes("new tail")));
    }
    // Rotated, snapshot not written: generation 1 and the new tail replay together.
    List<String> expected = List.of("first record", "second", "third and last", "new tail");
    assertEquals(expected, reopen(dir, new ArrayList<>()));
    // Snapshot half written: the .tmp file is ignored and deleted.
    Files.write(dir.resolve("snapshot.2.tmp"), Arrays.copyOf(CLEAN, 7));
    assertEquals(expected, reopen(dir, new ArrayList<>()));
    assertFalse(Files.exists(dir.resolve("snapshot.2.tmp")));
    // Snapshot complete, older generation not yet deleted: the snapshot wins, generation 1 goes.
    Files.write(dir.resolve("snapshot.2"), array(JournalCodec.encode(RECORDS)));
    assertEquals(expected, reopen(dir, new ArrayList<>()));
    assertEquals(List.of("journal.2", "lock", "snapshot.2"), names(dir));
  }

  @Test
  void secondInstanceOnTheSameDirectoryIsRefused(@TempDir Path dir) {
    try (Journal ignored = open(dir).journal()) {
      CriStateException e = assertThrows(CriStateException.class, () -> open(dir));
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
  }

  private static Journal.Opened open(Path dir) {
    return Journal.open(dir, false, JournalFs.posix(), b -> { });
  }

  private static List<String> reopen(Path dir, List<String> seen) {
    seen.clear();
    Journal.open(dir, false, JournalFs.posix(), b -> seen.add(text(b))).journal().close();
    return seen;
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
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

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(ByteBuffer b) {
    return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] array(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
