package io.nrivertx.containerd;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * The test image, written as an OCI image layout tar that {@code ctr images import} reads: one
 * gzip layer holding the static {@code /tiny} program (and the empty directories runc mounts
 * over), a config whose entrypoint is {@code /tiny} (the pause mode, so the same image is the pod
 * sandbox), {@code /bin/sh} (a copy of tiny that runs {@code sleep N; exit N} scripts) and an index
 * naming it {@link #REF}. No registry is involved.
 */
public final class TinyImage {
  /** The image's name, also pinned as containerd's sandbox image. */
  public static final String REF = "localhost/tiny:1";
  /** A container command that prints what the container got (see tiny's doc), then waits. */
  public static final String[] WORKLOAD = {"/tiny", "workload"};
  /**
   * The image's PATH: the usual one (containerd's default too), which is what the CRI bench, which
   * has no image to read, gives every container; so the side-by-side run compares like with like.
   */
  static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private TinyImage() {
  }

  /** Writes the image tar for this {@code tiny} binary to {@code file}. */
  static Path write(Path tiny, Path file) {
    try {
      byte[] layerTar = new Tar().directory("dev").directory("proc").directory("sys").directory("etc")
          .directory("tmp").directory("run").file("tiny", 0755, Files.readAllBytes(tiny)).directory("bin")
          .file("bin/sh", 0755, Files.readAllBytes(tiny)).bytes();
      byte[] layer = gzip(layerTar);
      byte[] config = json(new JsonObject()
          .put("architecture", "amd64").put("os", "linux")
          .put("config", new JsonObject().put("Entrypoint", new JsonArray().add("/tiny"))
              .put("Env", new JsonArray().add(DEFAULT_PATH)).put("WorkingDir", "/"))
          .put("rootfs", new JsonObject().put("type", "layers").put("diff_ids", new JsonArray().add(digest(layerTar)))));
      byte[] manifest = json(new JsonObject().put("schemaVersion", 2)
          .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
          .put("config", descriptor("application/vnd.oci.image.config.v1+json", config))
          .put("layers", new JsonArray().add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer))));
      byte[] index = json(new JsonObject().put("schemaVersion", 2)
          .put("manifests", new JsonArray().add(descriptor("application/vnd.oci.image.manifest.v1+json", manifest)
              .put("platform", new JsonObject().put("architecture", "amd64").put("os", "linux"))
              .put("annotations", new JsonObject().put("io.containerd.image.name", REF)
                  .put("org.opencontainers.image.ref.name", REF.substring(REF.indexOf(':') + 1))))));
      Tar image = new Tar().file("oci-layout", 0644, json(new JsonObject().put("imageLayoutVersion", "1.0.0")))
          .file("index.json", 0644, index).directory("blobs").directory("blobs/sha256");
      for (byte[] blob : new byte[][] {layer, config, manifest}) {
        image.file("blobs/sha256/" + digest(blob).substring("sha256:".length()), 0644, blob);
      }
      Files.write(file, image.bytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test image " + file, e);
    }
  }

  private static JsonObject descriptor(String mediaType, byte[] blob) {
    return new JsonObject().put("mediaType", mediaType).put("digest", digest(blob)).put("size", blob.length);
  }

  private static byte[] json(JsonObject o) {
    return o.encode().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  static String digest(byte[] data) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
