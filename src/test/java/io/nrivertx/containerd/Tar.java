package io.nrivertx.containerd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The little of the ustar format an OCI image needs: directories, regular files and a terminator,
 * owned by root, mtime 0 (so an image's digests do not change from run to run).
 */
final class Tar {
  private static final int BLOCK = 512;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Tar directory(String name) {
    header(name.endsWith("/") ? name : name + "/", 0755, 0, '5');
    return this;
  }

  Tar file(String name, int mode, byte[] content) {
    header(name, mode, content.length, '0');
    out.writeBytes(content);
    pad(content.length);
    return this;
  }

  /** The archive, closed with its two zero blocks. */
  byte[] bytes() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(new byte[2 * BLOCK]);
    return copy.toByteArray();
  }

  private void header(String name, int mode, long size, char type) {
    byte[] h = new byte[BLOCK];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    if (n.length > 100) {
      throw new IllegalArgumentException("tar name longer than 100 bytes: " + name);
    }
    System.arraycopy(n, 0, h, 0, n.length);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0); // uid
    octal(h, 116, 8, 0); // gid
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0); // mtime
    h[156] = (byte) type;
    System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
    // The checksum is computed with its own field read as spaces.
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    byte[] chk = String.format("%06o\u0000 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(chk, 0, h, 148, 8);
    out.writeBytes(h);
  }

  /** A NUL-terminated, zero-padded octal field. */
  private static void octal(byte[] h, int offset, int length, long value) {
    String s = String.format("%0" + (length - 1) + "o", value);
    System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, offset, length - 1);
  }

  private void pad(long length) {
    int rest = (int) (length % BLOCK);
    if (rest != 0) {
      out.writeBytes(new byte[BLOCK - rest]);
    }
  }
}
