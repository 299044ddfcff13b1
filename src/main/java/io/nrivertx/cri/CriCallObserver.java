package io.nrivertx.cri;

/**
 * Sees every call the CRI endpoint answers, for metrics ({@code <prefix>_cri_requests_total}, see
 * docs/operations.md). Set with {@link CriOptions#setCallObserver}; not part of the options' JSON.
 * Called on the call's event loop; must return quickly.
 */
public interface CriCallObserver {
  CriCallObserver NONE = (method, code, nanos) -> {
  };

  /**
   * @param method the gRPC method's short name ({@code RunPodSandbox})
   * @param code the gRPC status code the call was answered with (0: OK)
   * @param nanos from the request's arrival to the end of the response
   */
  void callEnded(String method, int code, long nanos);
}
