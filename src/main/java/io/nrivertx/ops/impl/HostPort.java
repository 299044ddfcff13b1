package io.nrivertx.ops.impl;

/** {@code host:port} as the configuration writes it; an IPv6 host goes in brackets. */
record HostPort(String host, int port) {
  static HostPort parse(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected host:port, got \"" + address + "\"");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new HostPort(host, port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected host:port with a port from 0 to 65535, got \"" + address + "\"");
    }
  }

  static String format(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
