package io.nrivertx.stub.v010.impl;

import io.nrivertx.stub.v010.V010Exception;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NRI v0.1.0's configuration, {@code /etc/nri/conf.json}: {@code {"version": "0.1", "plugins":
 * [{"type": "binary-name", "conf": <any JSON>}]}}. A missing file means version "0.1" and no
 * plugins, as in NRI.
 *
 * @param version sent to every plugin as the request's version
 * @param plugins in chain order
 */
public record V010Config(String version, List<Plugin> plugins) {
  /** The version NRI assumes when there is no configuration file. */
  public static final String DEFAULT_VERSION = "0.1";

  /**
   * @param type the binary, looked up on PATH plus the bin directories
   * @param conf the plugin's own configuration (any JSON value), or null
   */
  public record Plugin(String type, Object conf) {
  }

  /** Reads the file; blocking, so never on an event loop. */
  public static V010Config load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return new V010Config(DEFAULT_VERSION, List.of());
    } catch (IOException e) {
      throw new V010Exception("cannot read the NRI v0.1 configuration " + file + ": " + e);
    }
    return parse(text, file.toString());
  }

  /** @param where names the source in error messages */
  public static V010Config parse(String text, String where) {
    Object doc;
    try {
      doc = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new V010Exception("invalid NRI v0.1 configuration " + where + ": not JSON: " + e.getMessage());
    }
    if (!(doc instanceof JsonObject json)) {
      throw new V010Exception("invalid NRI v0.1 configuration " + where
          + ": expected an object with \"version\" and \"plugins\"");
    }
    try {
      String version = json.getString("version", "");
      List<Plugin> plugins = new ArrayList<>();
      var list = json.getJsonArray("plugins");
      for (int i = 0; list != null && i < list.size(); i++) {
        if (!(list.getValue(i) instanceof JsonObject p) || p.getString("type", "").isEmpty()) {
          throw new V010Exception("invalid NRI v0.1 configuration " + where + ": plugins[" + i
              + "] needs a \"type\" naming the plugin binary");
        }
        plugins.add(new Plugin(p.getString("type"), p.getValue("conf")));
      }
      return new V010Config(version, List.copyOf(plugins));
    } catch (ClassCastException e) {
      throw new V010Exception("invalid NRI v0.1 configuration " + where
          + ": \"version\" must be a string and \"plugins\" a list (" + e.getMessage() + ")");
    }
  }
}
