package io.nrivertx.cri.impl;

import io.nrivertx.api.cri.Image;
import io.nrivertx.api.cri.ImageSpec;
import io.nrivertx.api.cri.state.ImageRecord;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Images are recorded, never downloaded: a pull stores the normalized reference under an id
 * derived from it (so pulling again gives the same id) and a made-up but stable size. Lookups
 * accept what containerd accepts: the id (with or without "sha256:", or a unique prefix), a
 * tag reference in short or full form, or a digest reference. Runs on the state context.
 */
final class ImageOps {
  private final CriStore store;
  private final boolean recordOnCreate;

  ImageOps(CriStore store, boolean recordOnCreate) {
    this.store = store;
    this.recordOnCreate = recordOnCreate;
  }

  /** Docker's normalization: "busybox" → "docker.io/library/busybox:latest". */
  static String normalize(String ref) {
    String name = ref;
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    if (slash < 0) {
      name = "docker.io/library/" + name;
    } else if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
      name = "docker.io/" + name;
    }
    String last = name.substring(name.lastIndexOf('/') + 1);
    if (!last.contains(":") && !name.contains("@")) {
      name = name + ":latest";
    }
    return name;
  }

  ImageRecord find(String ref) {
    if (ref.isEmpty()) {
      return null;
    }
    String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
    for (ImageRecord i : store.images()) {
      if (i.getId().equals(ref) || (hex.length() >= 12 && i.getId().substring(7).startsWith(hex))) {
        return i;
      }
    }
    String normalized = normalize(ref);
    for (ImageRecord i : store.images()) {
      if (i.getRepoTagsList().contains(normalized) || i.getRepoDigestsList().contains(ref)
          || i.getRepoDigestsList().contains(normalized)) {
        return i;
      }
    }
    return null;
  }

  Future<String> pull(String ref) {
    if (ref.isEmpty()) {
      return Future.failedFuture(CriErrors.invalid("PullImage: image.image is required"));
    }
    ImageRecord known = find(ref);
    if (known != null) {
      return Future.succeededFuture(known.getId());
    }
    String normalized = normalize(ref);
    byte[] digest = sha256(normalized);
    String hex = HexFormat.of().formatHex(digest);
    String named = normalized.contains("@") ? normalized.substring(0, normalized.indexOf('@')) : normalized;
    String repo = named.lastIndexOf(':') > named.lastIndexOf('/') ? named.substring(0, named.lastIndexOf(':')) : named;
    // Pulled by digest, the repo digest is the one asked for (as containerd records the manifest's), so the same
    // reference finds the image again; pulled by tag, a digest is made up from the reference.
    ImageRecord.Builder image = ImageRecord.newBuilder().setId("sha256:" + hex)
        .addRepoDigests(normalized.contains("@") ? repo + normalized.substring(normalized.indexOf('@'))
            : repo + "@sha256:" + hex)
        .setSize(1_000_000L + (Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(digest).getInt()) % 100_000_000L))
        .setPulledAt(Clock.nanos());
    if (!normalized.contains("@")) {
      image.addRepoTags(normalized);
    }
    ImageRecord rec = image.build();
    return store.put(rec).map(rec.getId());
  }

  /** The image a new container uses: recorded on the fly unless the options ask for containerd's NotFound. */
  Future<String> forContainer(String ref) {
    ImageRecord known = find(ref);
    if (known != null) {
      return Future.succeededFuture(known.getId());
    }
    return recordOnCreate ? pull(ref) : Future.failedFuture(CriErrors.notFound("image", ref
        + " (pull it first: crictl pull " + ref + ")"));
  }

  Future<Void> remove(ImageSpec spec) {
    ImageRecord known = find(spec.getImage());
    // CRI: removing an image that is not there is not an error.
    return known == null ? Future.succeededFuture() : store.removeImage(known.getId());
  }

  static Image toCri(ImageRecord i) {
    return Image.newBuilder().setId(i.getId()).addAllRepoTags(i.getRepoTagsList())
        .addAllRepoDigests(i.getRepoDigestsList()).setSize(i.getSize())
        .setSpec(ImageSpec.newBuilder().setImage(i.getId())).build();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
