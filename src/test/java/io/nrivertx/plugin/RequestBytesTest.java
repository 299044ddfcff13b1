package io.nrivertx.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nrivertx.api.Container;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.StartContainerRequest;
import org.junit.jupiter.api.Test;

/** The shared-work serialization must give exactly the bytes of {@code toByteArray}. */
class RequestBytesTest {
  private final RequestBytes bytes = new RequestBytes();
  private final PodSandbox pod = PodSandbox.newBuilder().setId("p1").setName("web").putLabels("app", "web")
      .putAnnotations("a", "b").setNamespace("default").build();

  private Container container(String annotation) {
    return Container.newBuilder().setId("c1").setPodSandboxId("p1").setName("app").putAnnotations("k", annotation)
        .addEnv("A=1").addArgs("/bin/app").build();
  }

  @Test
  void createContainerWithTheSamePodForEveryPlugin() {
    for (String annotation : new String[] {"first", "second", "third"}) {
      CreateContainerRequest req = CreateContainerRequest.newBuilder().setPod(pod)
          .setContainer(container(annotation)).build();
      assertArrayEquals(req.toByteArray(), bytes.of(req), annotation);
    }
  }

  @Test
  void createContainerWithoutPodOrContainer() {
    CreateContainerRequest noPod = CreateContainerRequest.newBuilder().setContainer(container("x")).build();
    assertArrayEquals(noPod.toByteArray(), bytes.of(noPod));
    CreateContainerRequest noContainer = CreateContainerRequest.newBuilder().setPod(pod).build();
    assertArrayEquals(noContainer.toByteArray(), bytes.of(noContainer));
    assertArrayEquals(new byte[0], bytes.of(CreateContainerRequest.getDefaultInstance()));
  }

  @Test
  void oneRequestForAllPluginsIsEncodedOnce() {
    StartContainerRequest req = StartContainerRequest.newBuilder().setPod(pod).setContainer(container("x")).build();
    byte[] first = bytes.of(req);
    assertArrayEquals(req.toByteArray(), first);
    assertSame(first, bytes.of(req));
    StartContainerRequest other = req.toBuilder().setPod(pod.toBuilder().setName("other")).build();
    assertArrayEquals(other.toByteArray(), bytes.of(other));
  }

  @Test
  void twoEncodersShareNothing() {
    StartContainerRequest req = StartContainerRequest.newBuilder().setPod(pod).setContainer(container("x")).build();
    byte[] mine = bytes.of(req);
    assertNotSame(mine, new RequestBytes().of(req), "another runtime's event encodes afresh");
    assertArrayEquals(req.toByteArray(), RequestBytes.of(null, req));
  }
}
