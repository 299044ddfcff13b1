package io.nrivertx.plugin.wasm.impl;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nrivertx.api.LogRequest;
import java.util.List;

/**
 * The {@code env.log} host function of NRI's WASM API: the guest passes a LogRequest's protobuf
 * bytes (pointer, length); the host logs its message under the plugin's name and answers an
 * empty reply (0: no bytes to free). A request that does not decode traps the guest, as in NRI.
 */
final class HostLog {
  private static final System.Logger LOG = System.getLogger(GuestModule.OUTPUT_LOGGER);

  private HostLog() {
  }

  static HostFunction function(String plugin) {
    FunctionType type = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64));
    return new HostFunction("env", "log", type, (instance, args) -> {
      int at = (int) args[0];
      int length = (int) args[1];
      LogRequest request;
      try {
        request = LogRequest.parseFrom(instance.memory().readBytes(at, length));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("plugin " + plugin + " logged a malformed LogRequest: " + e.getMessage());
      }
      LOG.log(level(request.getLevel()), "plugin " + plugin + ": " + request.getMsg());
      return new long[] {0};
    });
  }

  private static System.Logger.Level level(LogRequest.Level level) {
    return switch (level) {
      case LEVEL_INFO -> System.Logger.Level.INFO;
      case LEVEL_WARN -> System.Logger.Level.WARNING;
      case LEVEL_ERROR -> System.Logger.Level.ERROR;
      default -> System.Logger.Level.DEBUG;
    };
  }
}
