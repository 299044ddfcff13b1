package io.nrivertx.cri;

import io.nrivertx.Version;
import io.vertx.core.json.JsonObject;

/**
 * Settings of one CRI endpoint. Copyable and convertible to/from JSON like Vert.x options, so
 * several endpoints can run side by side, each with its own socket and state directory.
 */
public final class CriOptions {
  public static final String DEFAULT_SOCKET = "/run/nri-vertx/cri.sock";
  public static final String DEFAULT_STATE_DIR = "/var/lib/nri-vertx";

  private String socketPath = DEFAULT_SOCKET;
  private String stateDir = DEFAULT_STATE_DIR;
  private String runtimeName = "nri-vertx";
  private String runtimeVersion = Version.current();
  private boolean syncWrites = true;
  private boolean recordImagesOnCreate = true;
  private CriCallObserver callObserver = CriCallObserver.NONE;

  public CriOptions() {
  }

  public CriOptions(CriOptions other) {
    this(other.toJson());
    callObserver = other.callObserver;
  }

  public CriOptions(JsonObject json) {
    socketPath = json.getString("socketPath", socketPath);
    stateDir = json.getString("stateDir", stateDir);
    runtimeName = json.getString("runtimeName", runtimeName);
    runtimeVersion = json.getString("runtimeVersion", runtimeVersion);
    syncWrites = json.getBoolean("syncWrites", syncWrites);
    recordImagesOnCreate = json.getBoolean("recordImagesOnCreate", recordImagesOnCreate);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("socketPath", socketPath)
        .put("stateDir", stateDir)
        .put("runtimeName", runtimeName)
        .put("runtimeVersion", runtimeVersion)
        .put("syncWrites", syncWrites)
        .put("recordImagesOnCreate", recordImagesOnCreate);
  }

  /** The unix socket crictl connects to ({@code unix://PATH}); its directory is created 0700. */
  public String getSocketPath() {
    return socketPath;
  }

  public CriOptions setSocketPath(String socketPath) {
    this.socketPath = socketPath;
    return this;
  }

  /** Where pods, containers and images are kept across restarts (the journal lives in cri/). */
  public String getStateDir() {
    return stateDir;
  }

  public CriOptions setStateDir(String stateDir) {
    this.stateDir = stateDir;
    return this;
  }

  /** Reported by the CRI Version call. */
  public String getRuntimeName() {
    return runtimeName;
  }

  public CriOptions setRuntimeName(String runtimeName) {
    this.runtimeName = runtimeName;
    return this;
  }

  public String getRuntimeVersion() {
    return runtimeVersion;
  }

  public CriOptions setRuntimeVersion(String runtimeVersion) {
    this.runtimeVersion = runtimeVersion;
    return this;
  }

  /**
   * Whether every journal write is flushed to the disk (fdatasync) before the CRI call answers.
   * Only turn it off for throw-away state: a kill -9 cannot lose acknowledged data either way,
   * a power loss can without it.
   */
  public boolean isSyncWrites() {
    return syncWrites;
  }

  public CriOptions setSyncWrites(boolean syncWrites) {
    this.syncWrites = syncWrites;
    return this;
  }

  /**
   * Whether CreateContainer records an image it has not seen as pulled (default), instead of
   * failing with NotFound as containerd does; nothing is downloaded either way.
   */
  public boolean isRecordImagesOnCreate() {
    return recordImagesOnCreate;
  }

  public CriOptions setRecordImagesOnCreate(boolean recordImagesOnCreate) {
    this.recordImagesOnCreate = recordImagesOnCreate;
    return this;
  }

  public CriCallObserver getCallObserver() {
    return callObserver;
  }

  /** Who sees every answered call (metrics); {@link CriCallObserver#NONE} by default. */
  public CriOptions setCallObserver(CriCallObserver callObserver) {
    this.callObserver = java.util.Objects.requireNonNull(callObserver, "callObserver");
    return this;
  }
}
