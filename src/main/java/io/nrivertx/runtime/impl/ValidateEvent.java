package io.nrivertx.runtime.impl;

import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.api.ValidateContainerAdjustmentResponse;
import io.vertx.core.Future;

/**
 * A validation sent on its own by a runtime in front of this one (a relay's upstream), for a
 * creation it sent with deferValidation: the validators here judge the front runtime's final
 * adjustment, with the owners and plugins of this runtime's own creation filled in. A rejection or
 * failure fails the event as it would fail the CreateContainer ({@link Validation}).
 */
final class ValidateEvent extends EventWork<ValidateContainerAdjustmentRequest, ValidateContainerAdjustmentResponse> {
  ValidateEvent(EventRun<ValidateContainerAdjustmentRequest, ValidateContainerAdjustmentResponse> run,
                RuntimeCore core) {
    super(run, core);
  }

  @Override
  Future<ValidateContainerAdjustmentResponse> dispatch() {
    ValidateContainerAdjustmentRequest req = core.deferred().complete(run.request);
    return new Validation(core.caller()).judge(run, core.plugins(), req)
        .map(ValidateContainerAdjustmentResponse.getDefaultInstance());
  }
}
