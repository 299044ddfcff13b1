package io.nrivertx.cri.impl;

import io.nrivertx.api.cri.*;
import io.nrivertx.api.cri.state.ImageRecord;
import io.vertx.core.Future;
import java.util.function.Supplier;

/** The ImageService of the endpoint (images are recorded, not downloaded); runs on the state context. */
final class ImageEndpoint extends ImageServiceService {
  private final CriContext cx;
  private final CriStore store;
  private final ImageOps images;
  private final String stateDir;

  ImageEndpoint(CriContext cx, CriStore store, ImageOps images, String stateDir) {
    this.cx = cx;
    this.store = store;
    this.images = images;
    this.stateDir = stateDir;
  }

  private <T> Future<T> call(String op, Supplier<Future<T>> work) {
    return cx.run(work).recover(err -> Future.failedFuture(CriErrors.of(op, err)));
  }

  @Override
  public Future<ListImagesResponse> listImages(ListImagesRequest r) {
    return call("ListImages", () -> {
      ListImagesResponse.Builder out = ListImagesResponse.newBuilder();
      String wanted = r.getFilter().getImage().getImage();
      ImageRecord match = wanted.isEmpty() ? null : images.find(wanted);
      for (ImageRecord i : store.images()) {
        if (wanted.isEmpty() || i == match) {
          out.addImages(ImageOps.toCri(i));
        }
      }
      return Future.succeededFuture(out.build());
    });
  }

  @Override
  public Future<ImageStatusResponse> imageStatus(ImageStatusRequest r) {
    return call("ImageStatus", () -> {
      ImageRecord i = images.find(r.getImage().getImage());
      // CRI: an image that is not there is an empty answer, not an error.
      return Future.succeededFuture(i == null ? ImageStatusResponse.getDefaultInstance()
          : ImageStatusResponse.newBuilder().setImage(ImageOps.toCri(i)).build());
    });
  }

  @Override
  public Future<PullImageResponse> pullImage(PullImageRequest r) {
    return call("PullImage", () -> images.pull(r.getImage().getImage()))
        .map(ref -> PullImageResponse.newBuilder().setImageRef(ref).build());
  }

  @Override
  public Future<RemoveImageResponse> removeImage(RemoveImageRequest r) {
    return call("RemoveImage", () -> images.remove(r.getImage())).map(RemoveImageResponse.getDefaultInstance());
  }

  @Override
  public Future<ImageFsInfoResponse> imageFsInfo(ImageFsInfoRequest r) {
    return call("ImageFsInfo", () -> {
      long used = store.images().stream().mapToLong(ImageRecord::getSize).sum();
      long now = Clock.nanos();
      return Future.succeededFuture(ImageFsInfoResponse.newBuilder()
          .addImageFilesystems(usage(now, stateDir + "/images", used, store.images().size()))
          .addContainerFilesystems(usage(now, stateDir + "/containers", 0, store.containers().size()))
          .build());
    });
  }

  private static FilesystemUsage usage(long now, String mountpoint, long bytes, long inodes) {
    return FilesystemUsage.newBuilder().setTimestamp(now)
        .setFsId(FilesystemIdentifier.newBuilder().setMountpoint(mountpoint))
        .setUsedBytes(UInt64Value.newBuilder().setValue(bytes)).setInodesUsed(UInt64Value.newBuilder().setValue(inodes))
        .build();
  }
}
