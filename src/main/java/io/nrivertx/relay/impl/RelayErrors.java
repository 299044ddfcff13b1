package io.nrivertx.relay.impl;

import io.nrivertx.protocol.GrpcCode;
import io.nrivertx.protocol.TtrpcException;
import io.nrivertx.service.Errors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The status the relay answers the runtime with when its plugins refused an event. A plugin's own
 * error status reads "rpc error: code = X desc = Y" in the downstream runtime's result: the relay
 * answers with that code and Y, so the runtime's error text is the one it would print for the
 * plugin connected directly. Any other refusal (a merge conflict, a validator's rejection) is the
 * relay's own and goes as Unknown with the downstream text (a deadline the relay's plugins missed
 * included: for the runtime it is one plugin's error either way); the runtime then prefixes it with
 * "rpc error: code = Unknown desc = ", which a directly connected plugin's conflict would not have.
 */
final class RelayErrors {
  private static final Pattern STATUS = Pattern.compile("rpc error: code = (\\w+|Code\\(\\d+\\)) desc = (.*)",
      Pattern.DOTALL);

  private RelayErrors() {
  }

  static TtrpcException upstream(Throwable downstream) {
    String text = Errors.describe(downstream);
    Matcher m = STATUS.matcher(text);
    if (m.matches()) {
      int code = code(m.group(1));
      if (code > 0) {
        return new TtrpcException(code, m.group(2));
      }
    }
    return new TtrpcException(GrpcCode.UNKNOWN, text);
  }

  private static int code(String name) {
    for (int c = 1; c <= 16; c++) {
      if (Errors.codeName(c).equals(name)) {
        return c;
      }
    }
    return name.startsWith("Code(") ? Integer.parseInt(name.substring(5, name.length() - 1)) : -1;
  }
}
