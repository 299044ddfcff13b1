package io.nrivertx.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.nrivertx.api.Container;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.StartContainerRequest;
import io.nrivertx.wire.TrackingAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event's one serialization: exactly the bytes of {@code toByteArray}, serialized once per
 * distinct message, the same memory for every plugin, and every buffer released once the event
 * and its calls are done.
 */
class RequestBytesTest {
  private final TrackingAllocator alloc = new TrackingAllocator();
  private final RequestBytes bytes = new RequestBytes();
  private final List<ByteBuf> handedOut = new ArrayList<>();
  private final PodSandbox pod = PodSandbox.newBuilder().setId("p1").setName("web").putLabels("app", "web")
      .putAnnotations("a", "b").setNamespace("default").build();

  @AfterEach
  void everythingReleased() {
    bytes.release();
    handedOut.forEach(ByteBuf::release);
    alloc.assertAllReleased();
  }

  private Container container(String annotation) {
    return Container.newBuilder().setId("c1").setPodSandboxId("p1").setName("app").putAnnotations("k", annotation)
        .addEnv("A=1").addArgs("/bin/app").build();
  }

  private ByteBuf of(com.google.protobuf.Message request) {
    ByteBuf b = bytes.of(request, alloc);
    handedOut.add(b);
    return b;
  }

  @Test
  void oneRequestForAllPluginsIsSerializedOnceIntoOneBuffer() {
    StartContainerRequest req = StartContainerRequest.newBuilder().setPod(pod).setContainer(container("x")).build();
    ByteBuf first = of(req);
    ByteBuf second = of(req);
    ByteBuf third = of(req);
    assertArrayEquals(req.toByteArray(), ByteBufUtil.getBytes(first));
    assertEquals(1, bytes.serializations());
    assertEquals(1, alloc.allocations(), "three plugins, one buffer");
    // The same memory, not three copies: a change through one reference shows in the others.
    first.setByte(0, first.getByte(0) ^ 0x7f);
    assertEquals(first.getByte(0), second.getByte(0));
    assertEquals(first.getByte(0), third.getByte(0));
  }

  @Test
  void createContainerSerializesThePodOnceAndEachContainerVersionOnce() {
    CreateContainerRequest last = null;
    for (String annotation : new String[] {"first", "second", "third"}) {
      Container c = container(annotation);
      for (int plugin = 0; plugin < 2; plugin++) {
        // Per plugin a new request object around the same pod and (until a reply changes it) container.
        last = CreateContainerRequest.newBuilder().setPod(pod).setContainer(c).build();
        assertArrayEquals(last.toByteArray(), ByteBufUtil.getBytes(of(last)), annotation);
      }
    }
    assertEquals(1 + 3, bytes.serializations(), "the pod once, each of the three containers once");
    ByteBuf a = of(last);
    ByteBuf b = of(last);
    a.setByte(1, a.getByte(1) ^ 0x55); // inside the pod field
    assertEquals(a.getByte(1), b.getByte(1), "the pod's bytes are shared, not copied");
  }

  @Test
  void createContainerWithoutPodOrContainer() {
    CreateContainerRequest noPod = CreateContainerRequest.newBuilder().setContainer(container("x")).build();
    assertArrayEquals(noPod.toByteArray(), ByteBufUtil.getBytes(of(noPod)));
    CreateContainerRequest noContainer = CreateContainerRequest.newBuilder().setPod(pod).build();
    assertArrayEquals(noContainer.toByteArray(), ByteBufUtil.getBytes(of(noContainer)));
    assertArrayEquals(new byte[0], ByteBufUtil.getBytes(of(CreateContainerRequest.getDefaultInstance())));
  }

  @Test
  void anotherRequestIsSerializedAfresh() {
    StartContainerRequest req = StartContainerRequest.newBuilder().setPod(pod).setContainer(container("x")).build();
    of(req);
    StartContainerRequest other = req.toBuilder().setPod(pod.toBuilder().setName("other")).build();
    assertArrayEquals(other.toByteArray(), ByteBufUtil.getBytes(of(other)));
    assertEquals(2, bytes.serializations());
  }

  @Test
  void withoutSharingOrAfterTheEventEveryCallSerializesItsOwn() {
    StartContainerRequest req = StartContainerRequest.newBuilder().setPod(pod).setContainer(container("x")).build();
    ByteBuf alone = RequestBytes.of(null, req, alloc);
    handedOut.add(alone);
    assertArrayEquals(req.toByteArray(), ByteBufUtil.getBytes(alone));
    ByteBuf during = of(req);
    bytes.release();
    ByteBuf after = of(req);
    assertArrayEquals(req.toByteArray(), ByteBufUtil.getBytes(after));
    assertArrayEquals(req.toByteArray(), ByteBufUtil.getBytes(during), "a call's reference outlives the event");
    assertEquals(1, bytes.serializations(), "nothing is kept once released");
  }
}
