package io.nrivertx.bench.jmh;

import com.google.protobuf.util.JsonFormat;
import io.nrivertx.api.CreateContainerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The realistic CreateContainerRequest that every bench case sends, shared with benchrunner (Go). */
final class Fixture {
  /** Overridable when JMH runs from another directory than the repository's. */
  static final String PROPERTY = "nri.bench.request";
  private static final String DEFAULT = "src/test/go/cmd/benchrunner/request.json";

  private Fixture() {
  }

  static CreateContainerRequest request() {
    try {
      CreateContainerRequest.Builder b = CreateContainerRequest.newBuilder();
      JsonFormat.parser().merge(Files.readString(Path.of(System.getProperty(PROPERTY, DEFAULT))), b);
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bench request fixture (set -D" + PROPERTY + ")", e);
    }
  }
}
